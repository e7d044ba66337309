using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding.Metadata;

namespace DistrictTraining.Web.Infrastructure;

/// <summary>
/// Gives every validation attribute a Vietnamese message unless it already has one, including the
/// implicit [Required] that MVC adds to non-nullable value types. Keeps view models free of repetition.
/// </summary>
public sealed class VietnameseValidationMetadataProvider : IValidationMetadataProvider
{
    public void CreateValidationMetadata(ValidationMetadataProviderContext context)
    {
        foreach (var attribute in context.ValidationMetadata.ValidatorMetadata.OfType<ValidationAttribute>())
        {
            if (attribute.ErrorMessage is not null || attribute.ErrorMessageResourceName is not null)
            {
                continue;
            }

            attribute.ErrorMessage = attribute switch
            {
                RequiredAttribute => "Vui lòng nhập {0}.",
                StringLengthAttribute { MinimumLength: > 0 } => "{0} phải dài từ {2} đến {1} ký tự.",
                StringLengthAttribute => "{0} không được dài quá {1} ký tự.",
                MaxLengthAttribute => "{0} không được dài quá {1} ký tự.",
                MinLengthAttribute => "{0} phải dài ít nhất {1} ký tự.",
                RangeAttribute => "{0} phải từ {1} đến {2}.",
                CompareAttribute => "{0} và {1} không khớp.",
                EmailAddressAttribute => "{0} không phải là địa chỉ thư điện tử hợp lệ.",
                RegularExpressionAttribute => "{0} không đúng định dạng.",
                _ => "{0} không hợp lệ.",
            };
        }
    }
}

public static class VietnameseModelBinding
{
    /// <summary>Vietnamese text for the messages model binding itself produces.</summary>
    public static void UseVietnameseMessages(this MvcOptions options)
    {
        var m = options.ModelBindingMessageProvider;
        m.SetValueIsInvalidAccessor(v => $"Giá trị \"{v}\" không hợp lệ.");
        m.SetValueMustBeANumberAccessor(f => $"{f} phải là một số.");
        m.SetMissingBindRequiredValueAccessor(f => $"Thiếu giá trị cho {f}.");
        m.SetAttemptedValueIsInvalidAccessor((v, f) => $"Giá trị \"{v}\" không hợp lệ cho {f}.");
        m.SetMissingKeyOrValueAccessor(() => "Thiếu giá trị.");
        m.SetMissingRequestBodyRequiredValueAccessor(() => "Thiếu nội dung yêu cầu.");
        m.SetNonPropertyAttemptedValueIsInvalidAccessor(v => $"Giá trị \"{v}\" không hợp lệ.");
        m.SetNonPropertyUnknownValueIsInvalidAccessor(() => "Giá trị không hợp lệ.");
        m.SetNonPropertyValueMustBeANumberAccessor(() => "Giá trị phải là một số.");
        m.SetUnknownValueIsInvalidAccessor(f => $"Giá trị của {f} không hợp lệ.");
        m.SetValueMustNotBeNullAccessor(f => $"Vui lòng nhập {f}.");
        options.ModelMetadataDetailsProviders.Add(new VietnameseValidationMetadataProvider());
    }
}
