using System.Globalization;
using System.Text;

namespace EcgStream.Trainer.Report;

/// <summary>The pieces both HTML reports (autoencoder and classifier) are built from, so the two pages look and read alike.</summary>
internal static class HtmlParts
{
    /// <summary>A chart: &lt;figure data-chart="<paramref name="name"/>"&gt; with its caption; tests find charts by that name.</summary>
    public static string Figure(string name, string content, string caption) =>
        $"<figure class=\"chart\" data-chart=\"{name}\">{content}<figcaption>{E(caption)}</figcaption></figure>";

    /// <summary>Starts a report page: doctype, <paramref name="title"/> (already escaped), the reports' shared CSS, and the body tag.</summary>
    public static void Head(StringBuilder html, string title) =>
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">")
            .Append("<title>").Append(title).Append("</title>")
            .Append("<style>")
            .Append("body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;margin:24px auto;max-width:1120px;color:#1a202c;background:#fff;padding:0 16px}")
            .Append("h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px;border-bottom:1px solid #e2e8f0;padding-bottom:4px}")
            .Append(".sub{color:#4a5568;font-size:13px}.tiles{display:flex;flex-wrap:wrap;gap:10px;margin:16px 0}")
            .Append(".tile{border:1px solid #e2e8f0;border-radius:6px;padding:8px 14px;min-width:110px}.tile b{display:block;font-size:22px}")
            .Append(".tile span{font-size:12px;color:#4a5568}.grid{display:flex;flex-wrap:wrap;gap:12px}")
            .Append("figure{margin:0}figcaption{font-size:12px;color:#4a5568;margin-top:2px}.example{width:280px}")
            .Append("table{border-collapse:collapse;font-size:13px}td,th{border:1px solid #e2e8f0;padding:4px 8px;text-align:right}th{background:#f7fafc}td.l,th.l{text-align:left}")
            .Append("</style></head><body>");

    /// <summary>Appends one headline figure: the value large, its label below.</summary>
    public static void Tile(StringBuilder html, string label, string value) =>
        html.Append($"<div class=\"tile\"><b>{E(value)}</b><span>{E(label)}</span></div>");

    /// <summary>The provenance as a two-column table sorted by key, without the keys <paramref name="skip"/> picks (curves drawn as charts).</summary>
    public static string ProvenanceTable(IReadOnlyDictionary<string, string> provenance, Func<string, bool> skip)
    {
        var table = new StringBuilder("<table>");
        foreach (var (key, value) in provenance.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (skip(key)) continue;
            table.Append($"<tr><th class=\"l\">{E(key)}</th><td class=\"l\">{E(value)}</td></tr>");
        }
        return table.Append("</table>").ToString();
    }

    /// <summary>Text escaped for HTML and SVG.</summary>
    public static string E(string text) => SvgChart.Escape(text);

    /// <summary>A metric with four decimals, e.g. 0.9911.</summary>
    public static string D(double value) => value.ToString("0.0000", CultureInfo.InvariantCulture);
}
