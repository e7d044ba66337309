using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DistrictTraining.Core.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CertificateSigningKeys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CertificateSigningKeys",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CentreId = table.Column<int>(type: "INTEGER", nullable: false),
                    ActiveCentreId = table.Column<int>(type: "INTEGER", nullable: true),
                    KeyId = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    PublicX = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    PublicY = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ProtectedPrivateKey = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    RetiredAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CertificateSigningKeys", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CertificateSigningKeys_TrainingCentres_CentreId",
                        column: x => x.CentreId,
                        principalTable: "TrainingCentres",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CertificateSigningKeys_ActiveCentreId",
                table: "CertificateSigningKeys",
                column: "ActiveCentreId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CertificateSigningKeys_CentreId",
                table: "CertificateSigningKeys",
                column: "CentreId");

            migrationBuilder.CreateIndex(
                name: "IX_CertificateSigningKeys_KeyId",
                table: "CertificateSigningKeys",
                column: "KeyId",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CertificateSigningKeys");
        }
    }
}
