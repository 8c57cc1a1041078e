namespace Storyboard.Bench;

/// <summary>Start-up figures of several starts: wall time, CPU time and resident memory at the first /health 200.</summary>
public sealed class Starts
{
    private readonly List<double> _seconds = [];
    private readonly List<double> _cpuSeconds = [];

    public List<double> Rss { get; } = [];

    public void Add(AppProcess app)
    {
        _seconds.Add(app.StartUp.TotalSeconds);
        _cpuSeconds.Add(app.StartUpCpu.TotalSeconds);
        Rss.Add(app.Memory().Rss);
    }

    public double MedianSeconds => Stats.Median(_seconds);
    public double MedianCpuSeconds => Stats.Median(_cpuSeconds);

    public string Describe() => $"{_seconds.Min():0.000} / {MedianSeconds:0.000} s";
}
