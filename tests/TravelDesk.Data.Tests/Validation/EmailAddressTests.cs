using TravelDesk.Data.Users;

namespace TravelDesk.Data.Tests.Validation;

public sealed class EmailAddressTests
{
    [Theory]
    [InlineData("ann@example.com", "ann@example.com")]
    [InlineData("  Ann.Lee+trips@Example.CO.UK ", "ann.lee+trips@example.co.uk")]
    public void Normalize_ValidAddress_ReturnsItTrimmedAndLowerCase(string input, string expected) =>
        EmailAddress.Normalize(input, "Email").ShouldBe(expected);

    [Theory]
    [InlineData("")]
    [InlineData("ann")]
    [InlineData("ann@")]
    [InlineData("@example.com")]
    [InlineData("ann@localhost")]
    [InlineData("Ann <ann@example.com>")]
    [InlineData("ann@exa mple.com")]
    public void Normalize_InvalidAddress_ThrowsNamingTheField(string input) =>
        Should.Throw<DataValidationException>(() => EmailAddress.Normalize(input, "Email")).Field.ShouldBe("Email");
}
