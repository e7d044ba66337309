using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DistrictTraining.Core.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CertificateReplacementIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Certificates_ReplacesCertificateId",
                table: "Certificates");

            migrationBuilder.CreateIndex(
                name: "IX_Certificates_ReplacesCertificateId",
                table: "Certificates",
                column: "ReplacesCertificateId",
                filter: "\"ReplacesCertificateId\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Certificates_ReplacesCertificateId",
                table: "Certificates");

            migrationBuilder.CreateIndex(
                name: "IX_Certificates_ReplacesCertificateId",
                table: "Certificates",
                column: "ReplacesCertificateId");
        }
    }
}
