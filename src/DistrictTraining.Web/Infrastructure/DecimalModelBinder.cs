using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace DistrictTraining.Web.Infrastructure;

/// <summary>
/// Reads decimals the way people type them here: "7,5" (Vietnamese) and "7.5" (a keyboard's number pad,
/// a copied spreadsheet value) both mean seven and a half. The culture's own parser would read "7.5" as
/// 75 in vi-VN, where "." groups thousands. Put it on a property with
/// <c>[ModelBinder(typeof(DecimalModelBinder))]</c>.
/// </summary>
public sealed partial class DecimalModelBinder : IModelBinder
{
    public Task BindModelAsync(ModelBindingContext bindingContext)
    {
        var value = bindingContext.ValueProvider.GetValue(bindingContext.ModelName);
        if (value == ValueProviderResult.None)
        {
            return Task.CompletedTask;
        }

        bindingContext.ModelState.SetModelValue(bindingContext.ModelName, value);
        var text = value.FirstValue;
        var metadata = bindingContext.ModelMetadata;
        if (string.IsNullOrWhiteSpace(text))
        {
            if (metadata.IsReferenceOrNullableType)
            {
                bindingContext.Result = ModelBindingResult.Success(null);
            }
            else
            {
                bindingContext.ModelState.TryAddModelError(bindingContext.ModelName,
                    metadata.ModelBindingMessageProvider.ValueMustNotBeNullAccessor(metadata.GetDisplayName()));
            }

            return Task.CompletedTask;
        }

        if (TryParse(text, out var number))
        {
            bindingContext.Result = ModelBindingResult.Success(number);
        }
        else
        {
            bindingContext.ModelState.TryAddModelError(bindingContext.ModelName,
                metadata.ModelBindingMessageProvider.ValueMustBeANumberAccessor(metadata.GetDisplayName()));
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// One separator, "," or ".", is the decimal point ("7,5", "7.5", "2.533" = 2.533). With both, or repeated
    /// in groups of three, the last kind is the decimal point and the other groups thousands ("1.234,5", "1,234.5").
    /// </summary>
    public static bool TryParse(string? text, out decimal value)
    {
        value = 0;
        var t = string.Concat((text ?? "").Where(c => !char.IsWhiteSpace(c)));
        string? normalised = null;
        if (Plain().IsMatch(t))
        {
            normalised = t.Replace(',', '.');
        }
        else if (DotGrouped().IsMatch(t))
        {
            normalised = t.Replace(".", "", StringComparison.Ordinal).Replace(',', '.');
        }
        else if (CommaGrouped().IsMatch(t))
        {
            normalised = t.Replace(",", "", StringComparison.Ordinal);
        }

        return normalised is not null
            && decimal.TryParse(normalised, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value);
    }

    [GeneratedRegex(@"^[+-]?(\d+([.,]\d*)?|[.,]\d+)$")]
    private static partial Regex Plain();

    [GeneratedRegex(@"^[+-]?\d{1,3}(\.\d{3})+(,\d+)?$")]
    private static partial Regex DotGrouped();

    [GeneratedRegex(@"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")]
    private static partial Regex CommaGrouped();
}
