using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DistrictTraining.Core.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ClassTallies : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ClassTallies",
                columns: table => new
                {
                    ClassId = table.Column<int>(type: "INTEGER", nullable: false),
                    ResultKind = table.Column<int>(type: "INTEGER", nullable: false),
                    GradeName = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Trainees = table.Column<int>(type: "INTEGER", nullable: false)
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
            ClassTallySql.Up(migrationBuilder);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            ClassTallySql.Down(migrationBuilder);
            migrationBuilder.DropTable(
                name: "ClassTallies");
        }
    }
}
