using DistrictTraining.Core.Documents;
using DistrictTraining.Core.Identity;
using DistrictTraining.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace DistrictTraining.Web.Controllers;

/// <summary>A class's documents as Word files in the Party's layout (ClassDocumentService); centre staff only.</summary>
[Authorize(Roles = Roles.Staff)]
public sealed class DocumentsController(ClassDocumentService documents) : Controller
{
    [HttpGet]
    public async Task<IActionResult> OpeningDecision(int id, CancellationToken cancellationToken) =>
        Send(await documents.OpeningDecisionAsync(id, cancellationToken));

    [HttpGet]
    public async Task<IActionResult> CompletionDecision(int id, CancellationToken cancellationToken) =>
        Send(await documents.CompletionDecisionAsync(id, cancellationToken));

    [HttpGet]
    public async Task<IActionResult> CertificateList(int id, CancellationToken cancellationToken) =>
        Send(await documents.CertificateListAsync(id, cancellationToken));

    /// <summary>The sheet's QR code opens the class's attendance page at the address this clerk uses.</summary>
    [HttpGet]
    public async Task<IActionResult> SignInSheet(int id, CancellationToken cancellationToken) =>
        Send(await documents.SignInSheetAsync(
            id, classId => CertificateLinks.QrPng($"{CertificateLinks.RequestBase(Request)}/Attendance/Index/{classId}"), cancellationToken));

    private IActionResult Send(GeneratedDocument? document) =>
        document is null ? NotFound() : File(document.Content, PartyDocument.ContentType, document.FileName);
}
