using System.Globalization;
using System.Net;
using System.Text;

namespace EcgStream.Trainer.Report;

/// <summary>
/// A small inline-SVG plot: a data rectangle mapped into a fixed pixel box with margins for the axes, and primitives
/// (polylines, bars, bands, vertical markers, legend) drawn in data coordinates. Output needs no script and no fonts.
/// </summary>
public sealed class SvgChart
{
    private const double Left = 58, Right = 14, Top = 14, Bottom = 42;

    // Axis steps are 1, 2 or 5 times a power of ten.
    private static readonly double[] TickMultiples = [1.0, 2.0, 5.0, 10.0];

    private readonly double _width, _height, _xMin, _xMax, _yMin, _yMax;
    private readonly StringBuilder _body = new();
    private readonly List<(string Label, string Color, bool Dashed)> _legend = [];

    /// <summary>A chart of <paramref name="width"/> × <paramref name="height"/> pixels showing x in [xMin, xMax], y in [yMin, yMax].</summary>
    public SvgChart(double width, double height, double xMin, double xMax, double yMin, double yMax)
    {
        _width = width;
        _height = height;
        _xMin = xMin;
        _xMax = xMax > xMin ? xMax : xMin + 1;
        _yMin = yMin;
        _yMax = yMax > yMin ? yMax : yMin + 1;
    }

    /// <summary>Pixel x of data x.</summary>
    public double X(double x) => Left + (x - _xMin) / (_xMax - _xMin) * (_width - Left - Right);

    /// <summary>Pixel y of data y (up is larger).</summary>
    public double Y(double y) => _height - Bottom - (y - _yMin) / (_yMax - _yMin) * (_height - Top - Bottom);

    /// <summary>Draws both axes with round-number ticks and their labels.</summary>
    public SvgChart Axes(string xLabel, string yLabel, int xTicks = 6, int yTicks = 5)
    {
        _body.Append($"<g class=\"axes\" stroke=\"#888\" stroke-width=\"1\"><line x1=\"{F(Left)}\" y1=\"{F(Y(_yMin))}\" x2=\"{F(_width - Right)}\" y2=\"{F(Y(_yMin))}\"/>")
             .Append($"<line x1=\"{F(Left)}\" y1=\"{F(Top)}\" x2=\"{F(Left)}\" y2=\"{F(Y(_yMin))}\"/></g>");
        _body.Append("<g class=\"ticks\" font-size=\"10\" fill=\"#555\">");
        foreach (double t in Ticks(_xMin, _xMax, xTicks))
        {
            _body.Append($"<line x1=\"{F(X(t))}\" y1=\"{F(Y(_yMin))}\" x2=\"{F(X(t))}\" y2=\"{F(Y(_yMin) + 4)}\" stroke=\"#888\"/>")
                 .Append($"<text x=\"{F(X(t))}\" y=\"{F(Y(_yMin) + 15)}\" text-anchor=\"middle\">{Label(t)}</text>");
        }
        foreach (double t in Ticks(_yMin, _yMax, yTicks))
        {
            _body.Append($"<line x1=\"{F(Left)}\" y1=\"{F(Y(t))}\" x2=\"{F(_width - Right)}\" y2=\"{F(Y(t))}\" stroke=\"#eee\"/>")
                 .Append($"<text x=\"{F(Left - 6)}\" y=\"{F(Y(t) + 3)}\" text-anchor=\"end\">{Label(t)}</text>");
        }
        _body.Append("</g>")
             .Append($"<text x=\"{F((Left + _width - Right) / 2)}\" y=\"{F(_height - 6)}\" font-size=\"11\" text-anchor=\"middle\" fill=\"#333\">{Escape(xLabel)}</text>")
             .Append($"<text transform=\"translate(12 {F((Top + _height - Bottom) / 2)}) rotate(-90)\" font-size=\"11\" text-anchor=\"middle\" fill=\"#333\">{Escape(yLabel)}</text>");
        return this;
    }

    /// <summary>Draws a line through <paramref name="points"/>, optionally dashed, and lists it in the legend when labelled.</summary>
    public SvgChart Line(IEnumerable<(double X, double Y)> points, string color, string? label = null, bool dashed = false, double width = 1.6)
    {
        var text = new StringBuilder();
        foreach (var (x, y) in points) text.Append(F(X(x))).Append(',').Append(F(Y(Math.Clamp(y, _yMin, _yMax)))).Append(' ');
        string dash = dashed ? " stroke-dasharray=\"5 3\"" : "";
        _body.Append($"<polyline class=\"series\" fill=\"none\" stroke=\"{color}\" stroke-width=\"{F(width)}\"{dash} points=\"{text.ToString().TrimEnd()}\"/>");
        if (label is not null) _legend.Add((label, color, dashed));
        return this;
    }

    /// <summary>Fills the band between <paramref name="lower"/> and <paramref name="upper"/> over the same x values.</summary>
    public SvgChart Band(IReadOnlyList<(double X, double Y)> lower, IReadOnlyList<(double X, double Y)> upper, string color)
    {
        var text = new StringBuilder();
        foreach (var (x, y) in upper) text.Append(F(X(x))).Append(',').Append(F(Y(Math.Clamp(y, _yMin, _yMax)))).Append(' ');
        for (int i = lower.Count - 1; i >= 0; i--) text.Append(F(X(lower[i].X))).Append(',').Append(F(Y(Math.Clamp(lower[i].Y, _yMin, _yMax)))).Append(' ');
        _body.Append($"<polygon class=\"band\" fill=\"{color}\" fill-opacity=\"0.18\" stroke=\"none\" points=\"{text.ToString().TrimEnd()}\"/>");
        return this;
    }

    /// <summary>Draws histogram bars: bin i spans [edges[i], edges[i+1]] with height counts[i].</summary>
    public SvgChart Bars(IReadOnlyList<double> edges, IReadOnlyList<double> counts, string color, string label)
    {
        _body.Append($"<g class=\"bars\" fill=\"{color}\" fill-opacity=\"0.55\">");
        for (int i = 0; i < counts.Count; i++)
        {
            if (counts[i] <= 0) continue;
            double x0 = X(edges[i]), x1 = X(edges[i + 1]), y = Y(Math.Min(counts[i], _yMax));
            _body.Append($"<rect x=\"{F(x0)}\" y=\"{F(y)}\" width=\"{F(Math.Max(0.5, x1 - x0 - 0.5))}\" height=\"{F(Y(_yMin) - y)}\"/>");
        }
        _body.Append("</g>");
        _legend.Add((label, color, false));
        return this;
    }

    /// <summary>Draws a dashed vertical marker at data x with a label at its top.</summary>
    public SvgChart VerticalMarker(double x, string color, string label)
    {
        double px = X(Math.Clamp(x, _xMin, _xMax));
        _body.Append($"<g class=\"marker\"><line x1=\"{F(px)}\" y1=\"{F(Top)}\" x2=\"{F(px)}\" y2=\"{F(Y(_yMin))}\" stroke=\"{color}\" stroke-width=\"1.5\" stroke-dasharray=\"4 3\"/>")
             .Append($"<text x=\"{F(px + 4)}\" y=\"{F(Top + 10)}\" font-size=\"10\" fill=\"{color}\">{Escape(label)}</text></g>");
        return this;
    }

    /// <summary>The finished &lt;svg&gt; element, with the legend in the top-right corner.</summary>
    public string Render(string title)
    {
        var svg = new StringBuilder();
        svg.Append($"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {F(_width)} {F(_height)}\" width=\"{F(_width)}\" height=\"{F(_height)}\" role=\"img\" aria-label=\"{Escape(title)}\">")
           .Append($"<title>{Escape(title)}</title>")
           .Append(_body);
        double y = Top + 4;
        foreach (var (label, color, dashed) in _legend)
        {
            double x = _width - Right - 150;
            string dash = dashed ? " stroke-dasharray=\"5 3\"" : "";
            svg.Append($"<g class=\"legend\"><line x1=\"{F(x)}\" y1=\"{F(y)}\" x2=\"{F(x + 18)}\" y2=\"{F(y)}\" stroke=\"{color}\" stroke-width=\"3\"{dash}/>")
               .Append($"<text x=\"{F(x + 24)}\" y=\"{F(y + 4)}\" font-size=\"10\" fill=\"#333\">{Escape(label)}</text></g>");
            y += 15;
        }
        return svg.Append("</svg>").ToString();
    }

    /// <summary>Round-number tick positions covering [min, max], about <paramref name="count"/> of them (steps of 1, 2 or 5 × 10ⁿ).</summary>
    public static IReadOnlyList<double> Ticks(double min, double max, int count)
    {
        double range = max - min;
        if (!(range > 0) || !double.IsFinite(range)) return [min];
        double rough = range / Math.Max(1, count);
        double magnitude = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        double step = TickMultiples.Select(m => m * magnitude).First(s => s >= rough);
        var ticks = new List<double>();
        for (double t = Math.Ceiling(min / step) * step; t <= max + step * 1e-9; t += step) ticks.Add(Math.Abs(t) < step * 1e-9 ? 0 : t);
        return ticks;
    }

    /// <summary>Escapes text for SVG/HTML content and attributes.</summary>
    public static string Escape(string text) => WebUtility.HtmlEncode(text);

    private static string F(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    private static string Label(double value) => value.ToString("G4", CultureInfo.InvariantCulture);
}
