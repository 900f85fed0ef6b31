using System.Diagnostics;
using KhoaGiao.Api.Data.Demo;
using KhoaGiao.Api.Features.Media;
using Microsoft.Extensions.Options;

namespace KhoaGiao.Api.Tests.Features.Media;

public sealed class MediaImagingTests
{
    private static readonly int[] Widths = [320, 640, 1024, 1600];

    private static readonly MediaImaging Imaging = WithMaxPixels(new MediaOptions().MaxPixels);

    private static readonly DateTime TakenAt = new(2023, 8, 16, 14, 5, 6, DateTimeKind.Unspecified);

    [TestCase(MediaFormat.Jpeg, 640, 480)]
    [TestCase(MediaFormat.Png, 500, 300)]
    [TestCase(MediaFormat.WebP, 320, 200)]
    [TestCase(MediaFormat.Gif, 120, 90)]
    public void TryRead_takes_each_accepted_type_with_its_format_and_size(MediaFormat format, int width, int height)
    {
        var bytes = format switch
        {
            MediaFormat.Jpeg => TestImages.Jpeg(width, height),
            MediaFormat.Png => TestImages.Png(width, height, alpha: true),
            MediaFormat.WebP => TestImages.WebP(width, height),
            _ => TestImages.Gif(width, height, frames: 2),
        };

        Assert.That(Imaging.TryRead(bytes, out var info), Is.EqualTo(ImageRefusal.None));
        Assert.That(info, Is.EqualTo(new ImageInfo(format, width, height, null)));
    }

    private static IEnumerable<TestCaseData> Impostors()
    {
        yield return new TestCaseData(TestImages.PhpScript()).SetArgDisplayNames("PHP script");
        yield return new TestCaseData(TestImages.HtmlPage()).SetArgDisplayNames("HTML page");
        yield return new TestCaseData(TestImages.SvgWithScript()).SetArgDisplayNames("SVG with a script");
        yield return new TestCaseData("II*\0\b\0\0\0\0\0"u8.ToArray()).SetArgDisplayNames("TIFF header");
        yield return new TestCaseData("\0\0\0\u0018ftypheic\0\0\0\0mif1heic"u8.ToArray()).SetArgDisplayNames("HEIC header");
        yield return new TestCaseData("BM:\0\0\0\0\0\0\06\0\0\0(\0\0\0"u8.ToArray()).SetArgDisplayNames("BMP header");
        yield return new TestCaseData(Array.Empty<byte>()).SetArgDisplayNames("nothing");
    }

    [TestCaseSource(nameof(Impostors))]
    public void TryRead_refuses_bytes_that_are_not_jpeg_png_webp_or_gif_as_an_unsupported_type(byte[] bytes)
    {
        Assert.That(Imaging.TryRead(bytes, out var info), Is.EqualTo(ImageRefusal.UnsupportedType));
        Assert.That(info, Is.Null);
    }

    [Test]
    public void TryRead_refuses_a_php_script_that_starts_like_a_gif_but_is_not_one_as_unreadable()
    {
        var polyglot = "GIF89a<?php system($_GET['c']); ?>;"u8.ToArray();

        Assert.That(Imaging.TryRead(polyglot, out var info), Is.EqualTo(ImageRefusal.Unreadable));
        Assert.That(info, Is.Null);
    }

    [TestCase(MediaFormat.Jpeg, 20)]
    [TestCase(MediaFormat.Jpeg, 50)]
    [TestCase(MediaFormat.Jpeg, 90)]
    [TestCase(MediaFormat.Png, 60)]
    [TestCase(MediaFormat.Gif, 90)]
    [TestCase(MediaFormat.WebP, 90)]
    public void TryRead_finds_a_truncated_file_unreadable(MediaFormat format, int percentKept)
    {
        var whole = format switch
        {
            MediaFormat.Jpeg => TestImages.Jpeg(600, 400, orientation: 6, withGps: true),
            MediaFormat.Png => TestImages.Png(300, 200),
            MediaFormat.Gif => TestImages.Gif(120, 90, frames: 3),
            _ => TestImages.WebP(300, 200),
        };
        Assert.That(Imaging.TryRead(whole, out _), Is.EqualTo(ImageRefusal.None));

        var truncated = whole[..(whole.Length * percentKept / 100)];

        Assert.That(Imaging.TryRead(truncated, out var info), Is.EqualTo(ImageRefusal.Unreadable));
        Assert.That(info, Is.Null);
    }

    [Test]
    public void TryRead_refuses_a_png_declaring_100000_by_100000_pixels_before_decoding()
    {
        var bomb = TestImages.PngDeclaring(100_000, 100_000);
        Assert.That(bomb, Has.Length.LessThan(100));
        Imaging.TryRead(bomb, out _);

        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var started = Stopwatch.GetTimestamp();
        var refusal = Imaging.TryRead(bomb, out var info);
        var elapsed = Stopwatch.GetElapsedTime(started);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;

        Assert.That(refusal, Is.EqualTo(ImageRefusal.TooManyPixels));
        Assert.That(info, Is.Null);
        Assert.That(elapsed, Is.LessThan(TimeSpan.FromMilliseconds(50)), "decoding 10^10 pixels takes minutes, if it works at all");
        Assert.That(allocated, Is.LessThan(1024 * 1024));
    }

    [Test]
    public void TryRead_counts_the_pixels_of_every_frame_against_the_limit()
    {
        var imaging = WithMaxPixels(15_000);

        Assert.That(imaging.TryRead(TestImages.Gif(100, 100, frames: 1), out _), Is.EqualTo(ImageRefusal.None));
        Assert.That(imaging.TryRead(TestImages.Gif(100, 100, frames: 2), out _), Is.EqualTo(ImageRefusal.TooManyPixels));
        Assert.That(imaging.TryRead(TestImages.WebP(100, 100, frames: 2), out _), Is.EqualTo(ImageRefusal.TooManyPixels));
        Assert.That(imaging.TryRead(TestImages.Jpeg(150, 100), out _), Is.EqualTo(ImageRefusal.None));
        Assert.That(imaging.TryRead(TestImages.Jpeg(151, 100), out _), Is.EqualTo(ImageRefusal.TooManyPixels));
    }

    [Test]
    public void TryRead_gives_the_size_as_shown_for_exif_orientation_6()
    {
        var photo = TestImages.Jpeg(300, 200, orientation: 6);
        Assert.That(TestImages.Size(photo), Is.EqualTo((300, 200)));

        Imaging.TryRead(photo, out var info);

        Assert.That(info, Is.EqualTo(new ImageInfo(MediaFormat.Jpeg, 200, 300, null)));
    }

    [Test]
    public void Render_turns_an_orientation_6_photo_upright_with_the_stored_top_left_at_the_top_right()
    {
        var photo = TestImages.Jpeg(300, 200, orientation: 6);
        Assert.That(IsRed(TestImages.PixelAt(photo, 40, 40)), "stored top-left is red");

        var original = Imaging.Render(photo, 1600, MediaFormat.Jpeg);
        var rendition = Imaging.Render(photo, 100, MediaFormat.WebP);

        Assert.That(TestImages.Size(original), Is.EqualTo((200, 300)));
        Assert.That(IsRed(TestImages.PixelAt(original, 160, 40)), Is.True, "top right");
        Assert.That(IsRed(TestImages.PixelAt(original, 40, 40)), Is.False, "top left");
        Assert.That(IsRed(TestImages.PixelAt(original, 160, 260)), Is.False, "bottom right");
        Assert.That(TestImages.Size(rendition), Is.EqualTo((100, 150)));
        Assert.That(IsRed(TestImages.PixelAt(rendition, 80, 20)), Is.True, "rendition's top right");
        Assert.That(IsRed(TestImages.PixelAt(rendition, 20, 20)), Is.False, "rendition's top left");
    }

    [Test]
    public void Render_leaves_no_exif_gps_or_other_metadata_in_any_rendition_or_the_original()
    {
        var photo = TestImages.Jpeg(2400, 1800, orientation: 6, withGps: true, takenAt: TakenAt);
        Assert.That(TestImages.MetadataBlocks(photo), Does.Contain("Exif"));
        Assert.That(TestImages.Contains(photo, TestImages.Make), Is.True);

        var outputs = Widths.SelectMany(width => new[] { MediaFormat.Jpeg, MediaFormat.WebP }.Select(format =>
                ($"{width}.{format}", Imaging.Render(photo, width, format))))
            .Append(("original", Imaging.Render(photo, int.MaxValue, MediaFormat.Jpeg)))
            .ToList();

        Assert.That(outputs, Has.Count.EqualTo(9));
        Assert.Multiple(() =>
        {
            foreach (var (name, bytes) in outputs)
            {
                Assert.That(TestImages.MetadataBlocks(bytes), Is.Empty, name);
                Assert.That(TestImages.Contains(bytes, TestImages.Make), Is.False, name);
                Assert.That(TestImages.Contains(bytes, "Exif"), Is.False, name);
            }
        });
        Assert.That(TestImages.Size(outputs[^1].Item2), Is.EqualTo((1800, 2400)));
    }

    [TestCase(MediaFormat.Jpeg)]
    [TestCase(MediaFormat.WebP)]
    public void Render_makes_a_2000_by_1000_photo_640_by_320_at_640(MediaFormat output)
    {
        var rendition = Imaging.Render(TestImages.Jpeg(2000, 1000), 640, output);

        Assert.That(TestImages.Size(rendition), Is.EqualTo((640, 320)));
        Assert.That(Imaging.TryRead(rendition, out var info), Is.EqualTo(ImageRefusal.None));
        Assert.That(info!.Format, Is.EqualTo(output));
    }

    [TestCase(MediaFormat.WebP)]
    [TestCase(MediaFormat.Jpeg)]
    public void Render_never_makes_an_image_wider_than_it_is(MediaFormat output)
    {
        var rendition = Imaging.Render(TestImages.Jpeg(800, 600), 1600, output);

        Assert.That(TestImages.Size(rendition), Is.EqualTo((800, 600)));
    }

    [Test]
    public void Render_puts_a_transparent_png_on_white_for_jpeg_and_keeps_the_transparency_in_webp()
    {
        var png = TestImages.Png(400, 300, alpha: true);

        var jpeg = Imaging.Render(png, 320, MediaFormat.Jpeg);
        var webp = Imaging.Render(png, 320, MediaFormat.WebP);

        var white = TestImages.PixelAt(jpeg, 20, 100);
        Assert.That(new[] { white.R, white.G, white.B }, Has.All.GreaterThanOrEqualTo(250));
        Assert.That(TestImages.PixelAt(jpeg, 250, 100).R, Is.LessThan(200));
        using var decoded = NetVips.Image.NewFromBuffer(webp);
        Assert.That(decoded.HasAlpha(), Is.True);
        Assert.That(decoded.Getpoint(20, 100)[3], Is.Zero);
    }

    [Test]
    public void Render_keeps_every_frame_of_an_animated_gif_in_its_original_and_the_first_in_its_renditions()
    {
        var gif = TestImages.Gif(120, 90, frames: 2);
        Assert.That(TestImages.Frames(gif), Is.EqualTo(2));

        var original = Imaging.Render(gif, 120, MediaFormat.Gif);
        var webp = Imaging.Render(gif, 120, MediaFormat.WebP);
        var jpeg = Imaging.Render(gif, 60, MediaFormat.Jpeg);

        Assert.That(TestImages.Frames(original), Is.EqualTo(2));
        Assert.That(TestImages.Size(original), Is.EqualTo((120, 90)));
        Assert.That(TestImages.Frames(webp), Is.EqualTo(1));
        Assert.That(TestImages.Size(webp), Is.EqualTo((120, 90)));
        Assert.That(TestImages.Size(jpeg), Is.EqualTo((60, 45)));
        Assert.That(IsClose(TestImages.PixelAt(webp, 60, 45), TestImages.FrameColours[0]), Is.True, "the first frame's colour");
    }

    [Test]
    public void Render_keeps_every_frame_of_an_animated_webp_in_its_original()
    {
        var original = Imaging.Render(TestImages.WebP(120, 90, frames: 3), 120, MediaFormat.WebP);

        Assert.That(TestImages.Frames(original), Is.EqualTo(3));
        Assert.That(TestImages.Size(original), Is.EqualTo((120, 90)));
    }

    [Test]
    public void Render_converts_a_display_p3_photo_to_srgb_and_drops_the_profile()
    {
        var p3 = TestImages.DisplayP3Jpeg(64, 64);
        Assert.That(TestImages.MetadataBlocks(p3), Does.Contain("ICC"));
        Assert.That(IsClose(TestImages.PixelAt(p3, 10, 32), (234, 51, 35)), Is.True, "stored as P3 numbers");

        Assert.Multiple(() =>
        {
            foreach (var output in new[] { MediaFormat.Jpeg, MediaFormat.WebP })
            {
                var rendition = Imaging.Render(p3, 32, output);
                Assert.That(TestImages.MetadataBlocks(rendition), Is.Empty, output.ToString());
                Assert.That(IsClose(TestImages.PixelAt(rendition, 4, 16), (255, 0, 0)), Is.True, $"{output}: {TestImages.PixelAt(rendition, 4, 16)}");
            }
        });
    }

    [Test]
    public void Render_gives_the_same_bytes_for_the_same_source_every_time_and_on_several_threads_at_once()
    {
        var photo = TestImages.Jpeg(1200, 900, orientation: 6, withGps: true, takenAt: TakenAt);
        (byte[] Source, int Width, MediaFormat Output)[] jobs =
        [
            (photo, 640, MediaFormat.Jpeg), (photo, 640, MediaFormat.WebP), (photo, 900, MediaFormat.Jpeg),
            (TestImages.Png(300, 200, alpha: true), 300, MediaFormat.Png), (TestImages.Gif(120, 90, 3), 120, MediaFormat.Gif),
            (TestImages.WebP(300, 200), 300, MediaFormat.WebP), (TestImages.WebP(120, 90, 2), 120, MediaFormat.WebP),
        ];
        var first = jobs.Select(job => Imaging.Render(job.Source, job.Width, job.Output)).ToArray();

        var again = new byte[jobs.Length * 4][];
        Parallel.For(0, again.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
            again[i] = Imaging.Render(jobs[i % jobs.Length].Source, jobs[i % jobs.Length].Width, jobs[i % jobs.Length].Output));

        for (var i = 0; i < again.Length; i++)
        {
            Assert.That(again[i], Is.EqualTo(first[i % jobs.Length]), $"{jobs[i % jobs.Length].Output} at {jobs[i % jobs.Length].Width}");
        }
    }

    [Test]
    public void TryRead_reads_when_a_photo_was_taken_in_vietnam_time_unless_the_photo_gives_its_offset()
    {
        Imaging.TryRead(TestImages.Jpeg(64, 48, takenAt: TakenAt), out var local);
        Imaging.TryRead(TestImages.Jpeg(64, 48, takenAt: DateTime.SpecifyKind(TakenAt, DateTimeKind.Utc)), out var utc);
        Imaging.TryRead(TestImages.Jpeg(64, 48), out var none);

        Assert.That(local!.TakenAt, Is.EqualTo(new DateTimeOffset(TakenAt, TimeSpan.FromHours(7))));
        Assert.That(local.TakenAt!.Value.Offset, Is.EqualTo(TimeSpan.FromHours(7)));
        Assert.That(utc!.TakenAt, Is.EqualTo(new DateTimeOffset(TakenAt, TimeSpan.Zero)));
        Assert.That(utc.TakenAt!.Value.Offset, Is.EqualTo(TimeSpan.Zero));
        Assert.That(none!.TakenAt, Is.Null);
    }

    [Test]
    public void Render_refuses_what_TryRead_refuses_and_png_or_gif_renditions()
    {
        Assert.Throws<ArgumentException>(() => Imaging.Render(TestImages.PhpScript(), 320, MediaFormat.Jpeg));
        Assert.Throws<ArgumentException>(() => Imaging.Render(TestImages.PngDeclaring(100_000, 100_000), 320, MediaFormat.Jpeg));
        Assert.Throws<ArgumentException>(() => Imaging.Render(TestImages.Png(400, 300), 320, MediaFormat.Png));
        Assert.Throws<ArgumentException>(() => Imaging.Render(TestImages.Jpeg(400, 300), 400, MediaFormat.Gif));
    }

    [Test]
    public void DemoPhotos_are_the_same_baseline_jpegs_without_metadata_on_every_run_and_taken_by_the_library()
    {
        var photo = DemoPhotos.Jpeg(1200, 800, 1);

        Assert.That(DemoPhotos.Jpeg(1200, 800, 1), Is.EqualTo(photo));
        Assert.That(DemoPhotos.Jpeg(1200, 800, 2), Is.Not.EqualTo(photo));
        var encoded = EncodedImage.Inspect(photo);
        Assert.That(encoded.StartOfFrame, Is.EqualTo(0xC0), "SOF0: baseline");
        Assert.That(encoded.Metadata, Is.Empty);
        Assert.That(Imaging.TryRead(photo, out var info), Is.EqualTo(ImageRefusal.None));
        Assert.That(info, Is.EqualTo(new ImageInfo(MediaFormat.Jpeg, 1200, 800, null)));
    }

    [TestCase(4000, 3000)]
    [TestCase(2000, 1333)]
    [TestCase(1999, 1001)]
    [TestCase(1700, 957)]
    [TestCase(1000, 667)]
    [TestCase(333, 500)]
    public void Every_file_has_the_size_sources_list_whether_made_with_the_others_or_alone(int width, int height)
    {
        var imaging = WithMaxPixels(50_000_000);
        var source = TestImages.Jpeg(width, height);
        var files = MediaRenditions.FilesFor(MediaFormat.Jpeg, width).ToList();

        var together = imaging.Render(source, files);

        for (var i = 0; i < files.Count; i++)
        {
            var expected = files[i].Width is { } w ? (w, MediaRenditions.HeightAt(width, height, w)) : (width, height);
            Assert.That(TestImages.Size(together[i]), Is.EqualTo(expected), files[i].Name);
            Assert.That(imaging.Render(source, [files[i]])[0], Is.EqualTo(together[i]), $"{files[i].Name} made alone");
        }
    }

    private static MediaImaging WithMaxPixels(long maxPixels) => new(Options.Create(new MediaOptions { MaxPixels = maxPixels }));

    private static bool IsRed((byte R, byte G, byte B) pixel) => pixel.R > 180 && pixel.G < 90 && pixel.B < 90;

    private static bool IsClose((byte R, byte G, byte B) pixel, (byte R, byte G, byte B) expected) =>
        Math.Abs(pixel.R - expected.R) <= 8 && Math.Abs(pixel.G - expected.G) <= 8 && Math.Abs(pixel.B - expected.B) <= 8;
}
