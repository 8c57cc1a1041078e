using System.Text;

namespace Storyboard.Web.Delivery.Animatic;

/// <summary>Escaping for values inside an ffmpeg filtergraph script (option level, then graph level).</summary>
public static class FilterText
{
    public static string Escape(string value)
    {
        var option = new StringBuilder();
        foreach (var c in value)
        {
            if (c is '\\' or '\'' or ':')
            {
                option.Append('\\');
            }
            option.Append(c);
        }
        var graph = new StringBuilder();
        foreach (var c in option.ToString())
        {
            if (c is '\\' or '\'' or '[' or ']' or ',' or ';')
            {
                graph.Append('\\');
            }
            graph.Append(c);
        }
        return graph.ToString();
    }
}
