namespace DistrictTraining.Core.Excel;

/// <summary>
/// Estimates how tall a row of wrapped text must be. Neither Excel nor LibreOffice reliably grows a
/// row to fit wrapped text when opening a file (LibreOffice keeps the default height, and merged
/// cells never grow), so rows whose text wraps get an explicit height.
/// </summary>
/// <remarks>
/// A column width is measured in digit widths of the workbook font. Times New Roman text averages
/// about 0.85 of a digit per character (measured: ~56 characters of a Vietnamese class name fit in
/// width 48), so a line holds about 1.1 characters per unit of width, less a character of padding;
/// bold text a little fewer. Lines are filled word by word, as Excel does.
/// </remarks>
internal static class XlsxRowHeight
{
    public const int MaxLines = 20;

    public static double CharactersPerLine(double width, bool bold) =>
        Math.Max(1, (width - 1) * (bold ? 1.0 : 1.1));

    /// <summary>
    /// Height in points of <paramref name="lines"/> lines of text in a font of <paramref name="fontSize"/>
    /// points; one line is Excel's own default height for the font (15.75 for 12-point Times New Roman).
    /// </summary>
    public static double Points(int lines, double fontSize) =>
        Math.Min(409, Math.Round(lines * fontSize * 1.3125, 2));

    /// <summary>Lines <paramref name="text"/> takes when wrapped at <paramref name="charactersPerLine"/>.</summary>
    public static int Lines(string text, double charactersPerLine)
    {
        if (text.Length <= charactersPerLine && !text.Contains('\n'))
        {
            return 1;
        }

        var lines = 0;
        var all = text.AsSpan();
        foreach (var paragraphRange in all.Split('\n'))
        {
            lines++;
            var paragraph = all[paragraphRange];
            var used = 0.0;
            foreach (var wordRange in paragraph.Split(' '))
            {
                var length = paragraph[wordRange].Length;
                if (used == 0)
                {
                    used = length;
                }
                else if (used + 1 + length <= charactersPerLine)
                {
                    used += 1 + length;
                }
                else
                {
                    lines++;
                    used = length;
                }

                while (used > charactersPerLine)
                {
                    // A word longer than the line breaks inside it.
                    lines++;
                    used -= charactersPerLine;
                }
            }

            if (lines >= MaxLines)
            {
                return MaxLines;
            }
        }

        return Math.Clamp(lines, 1, MaxLines);
    }
}
