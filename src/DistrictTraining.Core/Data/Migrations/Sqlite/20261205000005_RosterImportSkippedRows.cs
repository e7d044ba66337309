using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DistrictTraining.Core.Data.Migrations.Sqlite
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
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SkippedRows",
                table: "PendingUploads",
                type: "TEXT",
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
