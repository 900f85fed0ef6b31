using System.Text;
using NetVips;

namespace KhoaGiao.Bench.Imaging;

/// <summary>
/// The benchmark's inputs, made the same way on every run from fixed seeds: pixels computed here, encoded by libvips
/// (in a process of their own, before either library is measured), Exif and the oversized PNG written by hand.
/// </summary>
public static class TestImages
{
    public const string Photo = "photo.jpg";
    public const string Alpha = "alpha.png";
    public const string Animated = "animated.gif";
    public const string WebP = "photo.webp";
    public const string Bomb = "bomb.png";

    /// <summary>Files no upload may be accepted as, for the type identification table: name and the claim it makes.</summary>
    public static readonly IReadOnlyList<(string File, string What)> Impostors =
    [
        ("script.svg", "SVG with a script element"),
        ("page.jpg", "HTML named .jpg"),
        ("shell.jpg", "PHP named .jpg"),
        ("tiny.bmp", "BMP, 1×1"),
    ];

    /// <summary>The stored photo's side lengths: 12 MP landscape, shown portrait (3000 × 4000) by Exif orientation 6.</summary>
    public const int PhotoWidth = 4000, PhotoHeight = 3000;

    /// <summary>The stored top-left corner is painted red: orientation 6 must bring it to the top right.</summary>
    public const int MarkerSize = 400;

    public const int AlphaWidth = 1600, AlphaHeight = 1200;

    /// <summary>The left quarter of the PNG is fully transparent over pure red: a JPEG must show white there.</summary>
    public const int TransparentWidth = AlphaWidth / 4;

    public const int GifWidth = 640, GifHeight = 480;

    public const uint BombSide = 100_000;

    public static void Write(string directory)
    {
        Directory.CreateDirectory(directory);

        var photo = PhotoPixels(PhotoWidth, PhotoHeight, seed: 17, marker: true);
        byte[] jpeg;
        using (var image = Image.NewFromMemory(photo, PhotoWidth, PhotoHeight, 3, Enums.BandFormat.Uchar))
        {
            jpeg = image.JpegsaveBuffer(q: 90, subsampleMode: Enums.ForeignSubsample.On, keep: Enums.ForeignKeep.None);
        }
        // Phủ Lý, Hà Nam, to the second: a place a staff photographer's phone would record.
        var exif = ExifSegment.Build(orientation: 6, latitudeNorth: (20, 32, 30), longitudeEast: (105, 54, 50));
        File.WriteAllBytes(Path.Combine(directory, Photo), ExifSegment.InsertInto(jpeg, exif));

        File.WriteAllBytes(Path.Combine(directory, WebP), Encode(PhotoPixels(3000, 2000, seed: 23, marker: false), 3000, 2000, 3,
            image => image.WebpsaveBuffer(q: 85, keep: Enums.ForeignKeep.None)));
        File.WriteAllBytes(Path.Combine(directory, Alpha), Encode(AlphaPixels(), AlphaWidth, AlphaHeight, 4,
            image => image.PngsaveBuffer(compression: 6, keep: Enums.ForeignKeep.None)));
        File.WriteAllBytes(Path.Combine(directory, Animated), Encode(GifFrames(), GifWidth, GifHeight * 2, 3, image =>
        {
            using var pages = image.Mutate(page =>
            {
                page.Set(GValue.GIntType, "page-height", GifHeight);
                page.Set(GValue.ArrayIntType, "delay", new[] { 500, 500 });
                page.Set(GValue.GIntType, "loop", 0);
            });
            return pages.GifsaveBuffer(keep: Enums.ForeignKeep.None);
        }));
        File.WriteAllBytes(Path.Combine(directory, Bomb), DeclaredSizePng.Build(BombSide, BombSide));

        File.WriteAllText(Path.Combine(directory, "script.svg"),
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"><script>alert(document.cookie)</script>" +
            "<rect width=\"10\" height=\"10\" fill=\"red\"/></svg>\n");
        File.WriteAllText(Path.Combine(directory, "page.jpg"), "<!DOCTYPE html><html><body><script>alert(1)</script></body></html>\n");
        File.WriteAllText(Path.Combine(directory, "shell.jpg"), "<?php system($_GET['c']); ?>\n");
        File.WriteAllBytes(Path.Combine(directory, "tiny.bmp"), TinyBmp());
    }

    private static byte[] Encode(byte[] pixels, int width, int height, int bands, Func<Image, byte[]> save)
    {
        using var image = Image.NewFromMemory(pixels, width, height, bands, Enums.BandFormat.Uchar);
        return save(image);
    }

    /// <summary>
    /// Something that compresses like a photograph: a sky and a ground of smooth gradients, soft clouds, hard-edged
    /// discs, texture at two scales (value noise on 3 px and 40 px cells: foliage and shading, so that the smaller
    /// renditions keep detail too) and per-pixel noise (two uniform draws, ±12 levels) as a sensor adds. Row and
    /// column terms are computed once, so 12 MP take about a second.
    /// </summary>
    private static byte[] PhotoPixels(int width, int height, ulong seed, bool marker)
    {
        var horizon = new double[width];
        var cloudX = new double[width];
        var grassX = new double[width];
        for (var x = 0; x < width; x++)
        {
            var u = (double)x / width;
            horizon[x] = 0.45 + 0.05 * Math.Sin(u * 9.4) + 0.02 * Math.Sin(u * 44);
            cloudX[x] = Math.Sin(u * 11) + 0.5 * Math.Sin(u * 37 + 1);
            grassX[x] = Math.Sin(u * 140);
        }
        var cloudY = new double[height];
        for (var y = 0; y < height; y++)
        {
            cloudY[y] = Math.Sin((double)y / height * 23 + 2);
        }
        (double X, double Y, double R, byte Red, byte Green, byte Blue)[] discs =
        [
            (0.22, 0.62, 0.07, 180, 160, 150), (0.55, 0.58, 0.11, 120, 90, 80), (0.81, 0.70, 0.05, 230, 220, 200),
            (0.40, 0.80, 0.04, 60, 60, 70), (0.68, 0.30, 0.03, 250, 245, 230),
        ];

        var random = seed | 1;
        var fine = new ValueNoise(width, height, 3, ref random);
        var coarse = new ValueNoise(width, height, 40, ref random);
        var pixels = new byte[width * height * 3];
        for (var y = 0; y < height; y++)
        {
            var v = (double)y / height;
            for (var x = 0; x < width; x++)
            {
                var shade = 25 * coarse.At(x, y);
                var leaf = 40 * fine.At(x, y);
                double r, g, b;
                var u = (double)x / width;
                if (v < horizon[x])
                {
                    var t = v / horizon[x];
                    var cloud = Math.Max(0, cloudX[x] * cloudY[y]) * 60;
                    var haze = shade * 0.4 + leaf * 0.2;
                    (r, g, b) = (90 + 90 * t + cloud + haze, 140 + 70 * t + cloud + haze, 235 - 15 * t + cloud * 0.3 + haze);
                }
                else
                {
                    var t = (v - horizon[x]) / (1 - horizon[x]);
                    (r, g, b) = (70 + 60 * t + 15 * grassX[x] + shade + leaf * 0.6, 115 + 25 * t + 20 * grassX[x] + shade + leaf,
                        45 + 25 * t + shade * 0.5);
                }
                foreach (var disc in discs)
                {
                    var (dx, dy) = ((u - disc.X) * width / height, v - disc.Y);
                    if (dx * dx + dy * dy < disc.R * disc.R)
                    {
                        (r, g, b) = (disc.Red + shade, disc.Green + shade, disc.Blue + shade);
                    }
                }
                if (marker && x < MarkerSize && y < MarkerSize)
                {
                    (r, g, b) = (230, 20, 20);
                }
                var at = (y * width + x) * 3;
                pixels[at] = Clamp(r + Noise(ref random));
                pixels[at + 1] = Clamp(g + Noise(ref random));
                pixels[at + 2] = Clamp(b + Noise(ref random));
            }
        }
        return pixels;
    }

    private static byte[] AlphaPixels()
    {
        var rgb = PhotoPixels(AlphaWidth, AlphaHeight, seed: 29, marker: false);
        var rgba = new byte[AlphaWidth * AlphaHeight * 4];
        for (var i = 0; i < AlphaWidth * AlphaHeight; i++)
        {
            var x = i % AlphaWidth;
            var alpha = x < TransparentWidth ? 0 : Math.Min(255, (x - TransparentWidth) * 255 / (AlphaWidth / 2));
            var transparent = alpha == 0;
            rgba[i * 4] = transparent ? (byte)255 : rgb[i * 3];
            rgba[i * 4 + 1] = transparent ? (byte)0 : rgb[i * 3 + 1];
            rgba[i * 4 + 2] = transparent ? (byte)0 : rgb[i * 3 + 2];
            rgba[i * 4 + 3] = (byte)alpha;
        }
        return rgba;
    }

    /// <summary>Two frames stacked (libvips's page layout): the first green, the second blue, each with a gradient.</summary>
    private static byte[] GifFrames()
    {
        var pixels = new byte[GifWidth * GifHeight * 2 * 3];
        for (var y = 0; y < GifHeight * 2; y++)
        {
            var second = y >= GifHeight;
            for (var x = 0; x < GifWidth; x++)
            {
                var shade = (byte)(60 + x * 120 / GifWidth);
                var at = (y * GifWidth + x) * 3;
                pixels[at] = 20;
                pixels[at + 1] = second ? (byte)40 : (byte)(shade + 60);
                pixels[at + 2] = second ? (byte)(shade + 60) : (byte)40;
            }
        }
        return pixels;
    }

    /// <summary>A 1×1 24-bit BMP: BITMAPFILEHEADER, BITMAPINFOHEADER, one padded row.</summary>
    private static byte[] TinyBmp()
    {
        var bmp = new byte[58];
        Encoding.ASCII.GetBytes("BM", bmp);
        BitConverter.TryWriteBytes(bmp.AsSpan(2), 58);
        BitConverter.TryWriteBytes(bmp.AsSpan(10), 54);
        BitConverter.TryWriteBytes(bmp.AsSpan(14), 40);
        BitConverter.TryWriteBytes(bmp.AsSpan(18), 1);
        BitConverter.TryWriteBytes(bmp.AsSpan(22), 1);
        BitConverter.TryWriteBytes(bmp.AsSpan(26), (short)1);
        BitConverter.TryWriteBytes(bmp.AsSpan(28), (short)24);
        BitConverter.TryWriteBytes(bmp.AsSpan(34), 4);
        bmp[54] = 0x20;
        bmp[55] = 0x40;
        bmp[56] = 0xE0;
        return bmp;
    }

    /// <summary>Random values on a grid of square cells, interpolated bilinearly: texture with a chosen grain.</summary>
    private sealed class ValueNoise
    {
        private readonly double[] _grid;
        private readonly int _columns;
        private readonly int _cell;

        public ValueNoise(int width, int height, int cell, ref ulong state)
        {
            _cell = cell;
            _columns = width / cell + 2;
            _grid = new double[_columns * (height / cell + 2)];
            for (var i = 0; i < _grid.Length; i++)
            {
                _grid[i] = Noise(ref state) / 12;
            }
        }

        /// <summary>Between -1 and 1.</summary>
        public double At(int x, int y)
        {
            var (column, row) = (x / _cell, y / _cell);
            var (fx, fy) = ((double)(x % _cell) / _cell, (double)(y % _cell) / _cell);
            var at = row * _columns + column;
            var top = _grid[at] + (_grid[at + 1] - _grid[at]) * fx;
            var bottom = _grid[at + _columns] + (_grid[at + _columns + 1] - _grid[at + _columns]) * fx;
            return top + (bottom - top) * fy;
        }
    }

    /// <summary>Roughly bell-shaped noise from xorshift64 (Marsaglia 2003): the sum of two uniform draws in ±6.</summary>
    private static double Noise(ref ulong state)
    {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        return (state & 0xFF) * (6.0 / 128) + (state >> 8 & 0xFF) * (6.0 / 128) - 12;
    }

    private static byte Clamp(double value) => (byte)Math.Clamp(Math.Round(value), 0, 255);
}
