using System.Text;

namespace Langaj.Benchmarks;

/// <summary>
/// The development set's metric: each kept segment found is a true positive (else a false negative), each
/// dropped segment found is a false positive (else a true negative); white space runs fold to one space.
/// </summary>
internal readonly record struct Score(int TruePositives, int FalsePositives, int FalseNegatives, int TrueNegatives)
{
    public double Precision => Ratio(TruePositives, TruePositives + FalsePositives);
    public double Recall => Ratio(TruePositives, TruePositives + FalseNegatives);
    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);
    public double Accuracy => Ratio(TruePositives + TrueNegatives, TruePositives + FalsePositives + FalseNegatives + TrueNegatives);

    /// <summary>Per-page F1 for ranking pages; a page with nothing to find and nothing wrongly found scores 1.</summary>
    public double PageF1 => 2 * TruePositives + FalsePositives + FalseNegatives == 0 ? 1 : 2.0 * TruePositives / (2 * TruePositives + FalsePositives + FalseNegatives);

    public static Score operator +(Score a, Score b) => new(
        a.TruePositives + b.TruePositives, a.FalsePositives + b.FalsePositives, a.FalseNegatives + b.FalseNegatives, a.TrueNegatives + b.TrueNegatives);

    public static Score Of(string text, DevCase page, List<string>? missed = null, List<string>? leaked = null)
    {
        var folded = Fold(text);
        int tp = 0, fp = 0, fn = 0, tn = 0;
        foreach (var segment in page.With)
        {
            if (folded.Contains(Fold(segment), StringComparison.Ordinal))
            {
                tp++;
            }
            else
            {
                fn++;
                missed?.Add(segment);
            }
        }

        foreach (var segment in page.Without)
        {
            if (folded.Contains(Fold(segment), StringComparison.Ordinal))
            {
                fp++;
                leaked?.Add(segment);
            }
            else
            {
                tn++;
            }
        }

        return new Score(tp, fp, fn, tn);
    }

    public static string Fold(string text)
    {
        var builder = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                space = true;
                continue;
            }

            if (space && builder.Length > 0)
            {
                builder.Append(' ');
            }

            space = false;
            builder.Append(c);
        }

        return builder.ToString();
    }

    private static double Ratio(int numerator, int denominator) => denominator == 0 ? 0 : (double)numerator / denominator;
}
