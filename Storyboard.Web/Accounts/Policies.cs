namespace Storyboard.Web.Accounts;

public static class Policies
{
    /// <summary>Admins and Editors: create and change projects, upload songs.</summary>
    public const string CanEdit = "CanEdit";
    /// <summary>Admins only: users and servers.</summary>
    public const string Admin = "Admin";
    /// <summary>The JSON API: a personal API token sent as Authorization: Bearer.</summary>
    public const string Api = "Api";
}
