using System.ComponentModel.DataAnnotations;
using DistrictTraining.Core.Common;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ModelBinding.Binders;

namespace DistrictTraining.Web.Infrastructure;

/// <summary>
/// Every string MVC binds (form fields, query strings, route values; parameters and view-model properties alike)
/// passes through <see cref="InputText.Clean"/> once: control, noncharacter, bidi-override and zero-width
/// characters are removed and the text is put in NFC. Passwords are only stripped, not normalised, so that a
/// password set before this rule still matches its hash.
/// </summary>
public sealed class CleanTextModelBinderProvider : IModelBinderProvider
{
    public IModelBinder? GetBinder(ModelBinderProviderContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var metadata = context.Metadata;
        if (metadata.ModelType != typeof(string)
            || context.BindingInfo.BinderType is not null
            || (context.BindingInfo.BindingSource is { } source && !source.IsFromRequest)
            || context.BindingInfo.BindingSource == BindingSource.Body)
        {
            return null;
        }

        var loggerFactory = context.Services.GetRequiredService<ILoggerFactory>();
        var isPassword = string.Equals(metadata.DataTypeName, nameof(DataType.Password), StringComparison.Ordinal);
        return new CleanTextModelBinder(new SimpleTypeModelBinder(typeof(string), loggerFactory), normalise: !isPassword);
    }
}

public sealed class CleanTextModelBinder(IModelBinder inner, bool normalise) : IModelBinder
{
    public async Task BindModelAsync(ModelBindingContext bindingContext)
    {
        await inner.BindModelAsync(bindingContext);
        if (bindingContext.Result.IsModelSet && bindingContext.Result.Model is string text)
        {
            var clean = InputText.Clean(text, normalise);
            if (!ReferenceEquals(clean, text))
            {
                bindingContext.Result = ModelBindingResult.Success(clean);
                // A form shown again shows the cleaned text, not what was posted.
                bindingContext.ModelState.SetModelValue(bindingContext.ModelName, clean, clean);
            }
        }
    }
}
