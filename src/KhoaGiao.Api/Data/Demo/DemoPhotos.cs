using NetVips;

namespace KhoaGiao.Api.Data.Demo;

/// <summary>
/// Placeholder photos (ảnh minh họa) for the demo article, drawn here so the repository ships no image files and the
/// seed needs no network: a soft sky-to-floor gradient with a few plain shapes, no text (a container may have no fonts).
/// Each is a baseline JPEG without metadata, the same bytes on every run for the same arguments, so seeding twice
/// stores the same file.
/// </summary>
public static class DemoPhotos
{
    /// <summary>Per variant: wall, floor, clothing and light colours (a hall in daylight, a wood-panelled room, a stage).</summary>
    private static readonly (byte R, byte G, byte B)[][] Palettes =
    [
        [(196, 214, 232), (122, 104, 88), (176, 48, 44), (236, 226, 204)],
        [(228, 206, 170), (96, 66, 46), (40, 92, 140), (248, 240, 224)],
        [(92, 120, 168), (150, 40, 40), (236, 196, 72), (232, 232, 236)],
    ];

    /// <summary>A <paramref name="width"/> × <paramref name="height"/> JPEG; <paramref name="variant"/> (any number) picks the colours and layout.</summary>
    public static byte[] Jpeg(int width, int height, int variant)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ArgumentOutOfRangeException.ThrowIfGreaterThan((long)width * height, 40_000_000L, nameof(width));

        var palette = Palettes[(variant % Palettes.Length + Palettes.Length) % Palettes.Length];
        var (top, bottom, accent, light) = (palette[0], palette[1], palette[2], palette[3]);
        var shift = (variant % 7 + 7) % 7 / 6.0;

        // Shapes in fractions of the height, so any aspect ratio draws the same scene: a lit window, a table's edge, heads.
        var horizon = 0.62 + 0.06 * shift;
        var sun = (X: 0.25 + 0.5 * shift, Y: 0.28, R: 0.16);
        (double X, double Y, double R)[] heads = [(0.22, 0.66, 0.07), (0.42, 0.64, 0.075), (0.62, 0.67, 0.07), (0.80, 0.65, 0.072)];

        var aspect = (double)width / height;
        var pixels = new byte[width * height * 3];
        for (var y = 0; y < height; y++)
        {
            var v = (y + 0.5) / height;
            for (var x = 0; x < width; x++)
            {
                var u = (x + 0.5) / width;
                var t = Math.Clamp(v / horizon, 0, 1);
                var colour = v < horizon ? Mix(top, light, 0.35 * (1 - t)) : Mix(bottom, top, 0.15 * (1 - (v - horizon) / (1 - horizon)));

                var glow = Distance(u, v, sun.X, sun.Y, aspect) / sun.R;
                if (glow < 1.6)
                {
                    colour = Mix(colour, light, Math.Clamp(1.6 - glow, 0, 1) * 0.8);
                }

                foreach (var head in heads)
                {
                    var d = Distance(u, v, head.X, head.Y, aspect) / head.R;
                    if (d < 1)
                    {
                        colour = Mix(accent, bottom, 0.3 + 0.4 * d);
                    }
                    else if (v > head.Y && Math.Abs(u - head.X) * aspect < head.R * 1.7 && v < horizon + 0.2)
                    {
                        colour = Mix(accent, top, 0.2 + 0.5 * (v - head.Y));
                    }
                }

                if (v is > 0.8 and < 0.84)
                {
                    colour = Mix(light, bottom, 0.25);
                }

                var vignette = 1 - 0.25 * Math.Pow(Distance(u, v, 0.5, 0.5, 1) / 0.71, 2);
                var at = (y * width + x) * 3;
                pixels[at] = (byte)Math.Clamp(colour.R * vignette, 0, 255);
                pixels[at + 1] = (byte)Math.Clamp(colour.G * vignette, 0, 255);
                pixels[at + 2] = (byte)Math.Clamp(colour.B * vignette, 0, 255);
            }
        }

        using var image = Image.NewFromMemoryCopy<byte>(pixels, width, height, 3, Enums.BandFormat.Uchar);
        using var srgb = image.Copy(interpretation: Enums.Interpretation.Srgb);
        return srgb.JpegsaveBuffer(q: 85, interlace: false, subsampleMode: Enums.ForeignSubsample.On, keep: Enums.ForeignKeep.None);
    }

    private static (double R, double G, double B) Mix((double R, double G, double B) from, (double R, double G, double B) to, double amount) =>
        (from.R + (to.R - from.R) * amount, from.G + (to.G - from.G) * amount, from.B + (to.B - from.B) * amount);

    /// <summary>Distance in units of the height, so circles stay round whatever the aspect ratio.</summary>
    private static double Distance(double u, double v, double x, double y, double aspect) =>
        Math.Sqrt((u - x) * (u - x) * aspect * aspect + (v - y) * (v - y));
}
