using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace DistrictTraining.Tests.Infrastructure;

/// <summary>Reads pages and posts their forms the way a browser would, antiforgery token included.</summary>
public static class HtmlForms
{
    /// <summary>A multipart upload of an Excel file as the import pages post it: the file under "file" and the page's antiforgery token.</summary>
    public static MultipartFormDataContent Workbook(byte[] bytes, string token, string fileName = "danh-sach.xlsx")
    {
        var content = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        content.Add(file, "file", fileName);
        content.Add(new StringContent(token), "__RequestVerificationToken");
        return content;
    }

    public static async Task<IHtmlDocument> GetDocumentAsync(this HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.True(response.IsSuccessStatusCode, $"GET {url} returned {(int)response.StatusCode}");
        return await ParseAsync(response);
    }

    public static async Task<IHtmlDocument> ParseAsync(HttpResponseMessage response) =>
        new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());

    /// <summary>Posts the form found by <paramref name="formSelector"/> on <paramref name="url"/>, with field overrides.</summary>
    public static async Task<HttpResponseMessage> SubmitFormAsync(this HttpClient client, string url, IDictionary<string, string> fields, string formSelector = "main form") =>
        await client.PostFormAsync(await client.GetDocumentAsync(url), formSelector, fields, url);

    /// <summary>
    /// Posts a form of a page already read (perhaps a while ago, as a user who left a tab open), with
    /// field overrides; inputs with the same name (hidden lists) are all sent.
    /// </summary>
    public static async Task<HttpResponseMessage> PostFormAsync(this HttpClient client, IHtmlDocument document, string formSelector, IDictionary<string, string> fields, string? url = null)
    {
        var form = document.QuerySelector(formSelector) as IHtmlFormElement
            ?? throw new InvalidOperationException($"No form '{formSelector}' on {url ?? "the page"}");
        var values = new List<KeyValuePair<string, string>>();
        foreach (var input in form.QuerySelectorAll("input[name]").OfType<IHtmlInputElement>())
        {
            if (input.Type is "checkbox" or "radio" && !input.IsChecked)
            {
                continue;
            }

            if (!fields.ContainsKey(input.Name!))
            {
                values.Add(new(input.Name!, input.Value));
            }
        }

        values.AddRange(fields);
        var action = form.GetAttribute("action") is { Length: > 0 } a ? a : url ?? throw new InvalidOperationException("The form has no action.");
        return await client.PostAsync(action, new FormUrlEncodedContent(values));
    }

    /// <summary>
    /// Presses a submit button of a page already read, as a browser does: its form's fields (inputs, chosen
    /// options, text areas; not disabled ones) with overrides, plus the button's own name and value, posted to
    /// the button's formaction or else the form's action.
    /// </summary>
    public static async Task<HttpResponseMessage> PressAsync(this HttpClient client, IHtmlDocument document, string buttonSelector, IDictionary<string, string>? fields = null)
    {
        var button = document.QuerySelector(buttonSelector) as IHtmlButtonElement
            ?? throw new InvalidOperationException($"No button '{buttonSelector}' on the page");
        var form = button.Form ?? throw new InvalidOperationException($"The button '{buttonSelector}' belongs to no form");
        Assert.False(button.IsDisabled, $"The button '{buttonSelector}' is disabled");
        fields ??= new Dictionary<string, string>();
        var values = new List<KeyValuePair<string, string>>();
        foreach (var element in form.Elements)
        {
            var (name, value, disabled) = element switch
            {
                IHtmlInputElement { Type: "checkbox" or "radio", IsChecked: false } => (null, null, true),
                IHtmlInputElement input => (input.Name, input.Value, input.IsDisabled),
                IHtmlSelectElement select => (select.Name, select.Value, select.IsDisabled),
                IHtmlTextAreaElement area => (area.Name, area.Value, area.IsDisabled),
                _ => (null, null, true),
            };
            if (!disabled && !string.IsNullOrEmpty(name) && !fields.ContainsKey(name))
            {
                values.Add(new(name, value ?? string.Empty));
            }
        }

        values.AddRange(fields);
        if (!string.IsNullOrEmpty(button.Name))
        {
            values.Add(new(button.Name, button.Value));
        }

        var action = button.GetAttribute("formaction") is { Length: > 0 } formAction ? formAction
            : form.GetAttribute("action") ?? throw new InvalidOperationException("The form has no action.");
        return await client.PostAsync(action, new FormUrlEncodedContent(values));
    }

    /// <summary>Sends a GET form the way a browser does: its inputs as the query string, with field overrides.</summary>
    public static async Task<IHtmlDocument> GetFormAsync(this HttpClient client, IHtmlDocument document, string formSelector, IDictionary<string, string> fields)
    {
        var form = document.QuerySelector(formSelector) as IHtmlFormElement
            ?? throw new InvalidOperationException($"No form '{formSelector}' on the page");
        Assert.Equal("get", form.GetAttribute("method"), ignoreCase: true);
        var values = form.QuerySelectorAll("input[name]").OfType<IHtmlInputElement>()
            .Select(i => (Name: i.Name!, Value: fields.TryGetValue(i.Name!, out var v) ? v : i.Value));
        var query = string.Join("&", values.Select(v => $"{Uri.EscapeDataString(v.Name)}={Uri.EscapeDataString(v.Value)}"));
        return await client.GetDocumentAsync($"{form.GetAttribute("action")}?{query}");
    }

    public static async Task<HttpClient> SignInAsync(this PortalFactory factory, string userName, string password = TestPassword.Default)
    {
        var client = factory.CreateBrowserlessClient();
        var response = await client.SubmitFormAsync("/Account/Login", new Dictionary<string, string>
        {
            ["UserName"] = userName,
            ["Password"] = password,
        });
        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }
}
