namespace Diagrams.App.Tests.Infrastructure;

/// <summary>Raw JSON values no JWT time claim may take: beyond DateTimeOffset's range, negative, not whole, not a number.</summary>
public static class BadTokenTimes
{
    /// <param name="claim"><c>exp</c> or <c>iat</c>: the near-valid values (a current time as text or with a fraction) suit it.</param>
    public static string[] For(string claim)
    {
        var valid = DateTimeOffset.UtcNow.ToUnixTimeSeconds() + (claim == "exp" ? 120 : 0);
        return ["1e20", "-1e20", "9223372036854775807", "-9223372036854775808", "123456789012345678901234567890", "253402300800", "-1",
            $"{valid}.5", $"{valid}.0", $"{valid}e0", $"\"{valid}\"", "null", "true", "[1]", "{}"];
    }
}
