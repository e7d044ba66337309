using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DistrictTraining.Core.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class ReportTallies : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CertificateTallies",
                columns: table => new
                {
                    IssueDate = table.Column<DateOnly>(type: "date", nullable: false),
                    ClassId = table.Column<int>(type: "int", nullable: false),
                    CentreId = table.Column<int>(type: "int", nullable: false),
                    Year = table.Column<int>(type: "int", nullable: false),
                    Status = table.Column<int>(type: "int", nullable: false),
                    Reissue = table.Column<bool>(type: "bit", nullable: false),
                    Certificates = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CertificateTallies", x => new { x.IssueDate, x.ClassId, x.CentreId, x.Year, x.Status, x.Reissue });
                    table.ForeignKey(
                        name: "FK_CertificateTallies_TrainingClasses_ClassId",
                        column: x => x.ClassId,
                        principalTable: "TrainingClasses",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ClassTallies",
                columns: table => new
                {
                    ClassId = table.Column<int>(type: "int", nullable: false),
                    ResultKind = table.Column<int>(type: "int", nullable: false),
                    GradeName = table.Column<string>(type: "nvarchar(50)", maxLength: 50, nullable: false),
                    Trainees = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ClassTallies", x => new { x.ClassId, x.ResultKind, x.GradeName });
                    table.ForeignKey(
                        name: "FK_ClassTallies_TrainingClasses_ClassId",
                        column: x => x.ClassId,
                        principalTable: "TrainingClasses",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CertificateTallies_ClassId",
                table: "CertificateTallies",
                column: "ClassId");
            ReportTallySql.Up(migrationBuilder);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            ReportTallySql.Down(migrationBuilder);
            migrationBuilder.DropTable(
                name: "CertificateTallies");

            migrationBuilder.DropTable(
                name: "ClassTallies");
        }
    }
}
