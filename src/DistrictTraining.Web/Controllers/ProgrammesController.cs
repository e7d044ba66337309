using DistrictTraining.Core.Common;
using DistrictTraining.Core.Identity;
using DistrictTraining.Core.Programmes;
using DistrictTraining.Web.Models;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace DistrictTraining.Web.Controllers;

/// <summary>The programme catalogue: readers list it, administrators change each programme's rules.</summary>
[Authorize(Roles = Roles.Readers)]
public sealed class ProgrammesController(ProgrammeService programmes) : Controller
{
    public async Task<IActionResult> Index(CancellationToken cancellationToken) => View(await programmes.ListAsync(cancellationToken));

    [HttpGet]
    [Authorize(Roles = Roles.Administrator)]
    public IActionResult Create() => View("Edit", new ProgrammeEditViewModel { GradeBands = ProgrammeCatalogue.DefaultBands()
        .Select(b => new GradeBandRow { MinScore = b.MinScore, Name = b.Name }).ToList() }.WithBlankRows());

    [HttpGet]
    [Authorize(Roles = Roles.Administrator)]
    public async Task<IActionResult> Edit(int id, CancellationToken cancellationToken)
    {
        var programme = await programmes.GetAsync(id, cancellationToken);
        return programme is null ? NotFound() : View(ProgrammeEditViewModel.From(programme).WithBlankRows());
    }

    [HttpPost]
    [Authorize(Roles = Roles.Administrator)]
    public async Task<IActionResult> Save(ProgrammeEditViewModel model, CancellationToken cancellationToken)
    {
        if (ModelState.IsValid)
        {
            try
            {
                await programmes.SaveAsync(model.ToRules(), cancellationToken);
                TempData["Message"] = model.Id is null ? $"Đã thêm chương trình {model.Name}." : $"Đã lưu quy định của chương trình {model.Name}.";
                return RedirectToAction(nameof(Index));
            }
            catch (DomainException ex)
            {
                ModelState.AddModelError(string.Empty, ex.Message);
            }
        }

        return View("Edit", model.WithBlankRows());
    }
}
