using Cx.Domain.Errors;

namespace Cx.Domain.Tests;

public sealed class ValidatorTests
{
    [Fact]
    public void ThrowIfInvalid_NoViolation_DoesNotThrow()
    {
        var validator = new Validator().Require(true, "name", "required");

        validator.ThrowIfInvalid();

        Assert.True(validator.IsValid);
    }

    [Fact]
    public void ThrowIfInvalid_OneViolation_MessageNamesFieldAndReason()
    {
        var error = Assert.Throws<ValidationFailedException>(() => new Validator().Require(false, "name", "Required.").ThrowIfInvalid());

        Assert.Equal("Invalid request: name: Required.", error.Message);
        Assert.Equal(new FieldViolation("name", "Required."), Assert.Single(error.Violations));
    }

    [Fact]
    public void ValidationFailed_NoViolations_IsAProgrammingError()
    {
        Assert.Throws<ArgumentException>(() => new ValidationFailedException([]));
    }

    [Fact]
    public void DomainErrors_Messages_NameTheResource()
    {
        Assert.Equal("No survey named 's-1' was found.", new NotFoundException("survey", "s-1").Message);
        Assert.Equal("A survey named 's-1' already exists.", new AlreadyExistsException("survey", "s-1").Message);
    }
}
