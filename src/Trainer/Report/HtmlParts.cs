using System.Globalization;
using System.Text;

namespace EcgStream.Trainer.Report;

/// <summary>The pieces both HTML reports (autoencoder and classifier) are built from, so the two pages look and read alike.</summary>
internal static class HtmlParts
{
    /// <summary>A chart: &lt;figure data-chart="<paramref name="name"/>"&gt; with its caption; tests find charts by that name.</summary>
    public static string Figure(string name, string content, string caption) =>
        $"<figure class=\"chart\" data-chart=\"{name}\">{content}<figcaption>{E(caption)}</figcaption></figure>";

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
