using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace RelIntel.Tests.Browser;

/// <summary>Swagger UI, as a sales person uses it: it loads, takes an API key through Authorize and runs a call.</summary>
public sealed class SwaggerUiTests : ChromiumPageTest
{
    [Test]
    public async Task Swagger_ui_offers_both_schemes_takes_an_api_key_through_authorize_and_runs_a_call_that_answers_200()
    {
        await Page.GotoAsync(new Uri(BaseAddress, "/swagger").ToString());
        await Expect(Page.Locator(".swagger-ui .info .title")).ToContainTextAsync("RelIntel");

        await Page.Locator(".auth-wrapper button.authorize").ClickAsync();
        var dialog = Page.Locator(".modal-ux");
        // Both schemes are offered: an API key, and a token from single sign-on.
        await Expect(dialog.Locator("form").Filter(new LocatorFilterOptions { HasText = "SingleSignOn" })).ToBeVisibleAsync();
        var apiKey = dialog.Locator("form").Filter(new LocatorFilterOptions { HasText = "Bearer (http" });
        await apiKey.Locator("input").FillAsync(RelIntelApp.AdminKey);
        await apiKey.Locator("button.authorize").ClickAsync();
        await Expect(dialog.Locator("button.btn-done").First).ToBeVisibleAsync();
        await dialog.Locator("button.btn-done").First.ClickAsync();
        await Expect(Page.Locator(".auth-wrapper button.authorize.locked")).ToBeVisibleAsync();

        var operation = Page.Locator(".opblock-get").Filter(new LocatorFilterOptions
        {
            Has = Page.Locator(".opblock-summary-path", new PageLocatorOptions { HasTextRegex = new Regex("^/api/organizations$") }),
        });
        await operation.Locator(".opblock-summary").ClickAsync();
        await operation.Locator("button.try-out__btn").ClickAsync();
        var answer = await Page.RunAndWaitForResponseAsync(() => operation.Locator("button.execute").ClickAsync(),
            response => response.Url.StartsWith(new Uri(BaseAddress, "/api/organizations").ToString()) && response.Request.Method == "GET");

        await Expect(operation.Locator(".live-responses-table tbody td.response-col_status")).ToHaveTextAsync("200");
        await ScreenshotAsync("swagger-ui-organizations", operation);
        var authorization = await answer.Request.HeaderValueAsync("authorization");
        Assert.Multiple(() =>
        {
            Assert.That(answer.Status, Is.EqualTo(200));
            Assert.That(authorization, Is.EqualTo($"Bearer {RelIntelApp.AdminKey}"));
            Assert.That(PageProblems, Is.Empty);
        });
    }
}
