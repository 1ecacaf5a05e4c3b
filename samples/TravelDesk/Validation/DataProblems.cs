using System.Text.Json;
using TravelDesk.Data;

namespace TravelDesk.Validation;

/// <summary>Turns the data layer's refusals into problem responses: invalid input 400 naming the field, conflicts 409.</summary>
internal static class DataProblems
{
    public static async Task<IResult> AnswerAsync(Func<Task<IResult>> action)
    {
        try
        {
            return await action().ConfigureAwait(false);
        }
        catch (DataValidationException exception)
        {
            var errors = new FieldErrors();
            // The data layer names C# properties (StartAfter); clients sent JSON (startAfter).
            errors.Add(JsonNamingPolicy.CamelCase.ConvertName(exception.Field), exception.Message);
            return errors.ToProblem();
        }
        catch (DataConflictException exception)
        {
            return Results.Problem(
                statusCode: StatusCodes.Status409Conflict,
                title: exception.Message,
                extensions: new Dictionary<string, object?> { ["field"] = JsonNamingPolicy.CamelCase.ConvertName(exception.Field) });
        }
    }
}
