namespace Storyboard.Web.Accounts;

public static class ApiTokenDefaults
{
    public const string Scheme = "ApiToken";
}
