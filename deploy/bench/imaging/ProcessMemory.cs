namespace KhoaGiao.Bench.Imaging;

/// <summary>This process's resident memory from /proc/self/status (proc(5)); the peak covers native allocations too.</summary>
public static class ProcessMemory
{
    public static long ResidentKiB => Read("VmRSS:");

    public static long PeakKiB => Read("VmHWM:");

    /// <summary>Starts a new peak (VmHWM) from the current resident size: writing 5 to clear_refs (Linux 4.0 and later).</summary>
    public static bool TryResetPeak()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static long Read(string field)
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith(field, StringComparison.Ordinal))
            {
                return long.Parse(line[field.Length..].Trim().Split(' ')[0]);
            }
        }
        return 0;
    }
}
