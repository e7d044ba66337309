using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DistrictTraining.Core.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class RosterImportSkippedRows : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "ConfirmedAt",
                table: "PendingUploads",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SkippedRows",
                table: "PendingUploads",
                type: "nvarchar(max)",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ConfirmedAt",
                table: "PendingUploads");

            migrationBuilder.DropColumn(
                name: "SkippedRows",
                table: "PendingUploads");
        }
    }
}
