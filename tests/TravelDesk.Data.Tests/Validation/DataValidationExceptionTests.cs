namespace TravelDesk.Data.Tests.Validation;

public sealed class DataValidationExceptionTests
{
    [Fact]
    public void Message_IsThePlainReasonAndParamNameTheField()
    {
        var ex = new DataValidationException("Limit", "Limit must be between 1 and 50 (was 0).");

        ex.Field.ShouldBe("Limit");
        ex.ParamName.ShouldBe("Limit");
        ex.Message.ShouldBe("Limit must be between 1 and 50 (was 0).");
        ex.ShouldBeAssignableTo<ArgumentException>();
    }
}
