using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DistrictTraining.Core.Data.Migrations.PostgreSQL
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
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SkippedRows",
                table: "PendingUploads",
                type: "text",
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
