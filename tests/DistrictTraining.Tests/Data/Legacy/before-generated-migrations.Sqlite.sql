CREATE TABLE IF NOT EXISTS "__EFMigrationsHistory" (
    "MigrationId" TEXT NOT NULL CONSTRAINT "PK___EFMigrationsHistory" PRIMARY KEY,
    "ProductVersion" TEXT NOT NULL
);

BEGIN TRANSACTION;
CREATE TABLE "AspNetRoles" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_AspNetRoles" PRIMARY KEY,
    "Name" TEXT NULL,
    "NormalizedName" TEXT NULL,
    "ConcurrencyStamp" TEXT NULL
);

CREATE TABLE "AuditEntries" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AuditEntries" PRIMARY KEY AUTOINCREMENT,
    "At" TEXT NOT NULL,
    "UserId" TEXT NULL,
    "UserName" TEXT NULL,
    "EntityType" TEXT NOT NULL,
    "EntityId" TEXT NOT NULL,
    "Action" INTEGER NOT NULL,
    "Changes" TEXT NOT NULL
);

CREATE TABLE "DataProtectionKeys" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_DataProtectionKeys" PRIMARY KEY AUTOINCREMENT,
    "FriendlyName" TEXT NULL,
    "Xml" TEXT NOT NULL
);

CREATE TABLE "OrganisationUnits" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_OrganisationUnits" PRIMARY KEY AUTOINCREMENT,
    "Code" TEXT NULL,
    "Name" TEXT NOT NULL,
    "SearchKey" TEXT NOT NULL,
    "Kind" INTEGER NOT NULL,
    "ParentId" INTEGER NULL,
    "ValidFrom" TEXT NULL,
    "ValidTo" TEXT NULL,
    "SucceededById" INTEGER NULL,
    CONSTRAINT "FK_OrganisationUnits_OrganisationUnits_ParentId" FOREIGN KEY ("ParentId") REFERENCES "OrganisationUnits" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_OrganisationUnits_OrganisationUnits_SucceededById" FOREIGN KEY ("SucceededById") REFERENCES "OrganisationUnits" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "Programmes" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Programmes" PRIMARY KEY AUTOINCREMENT,
    "Code" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "Kind" INTEGER NOT NULL,
    "TargetAudience" TEXT NULL,
    "TypicalDays" INTEGER NULL,
    "TopicCount" INTEGER NULL,
    "Assessment" INTEGER NOT NULL,
    "Certificate" INTEGER NOT NULL,
    "AttendanceThresholdPercent" TEXT NOT NULL,
    "PassScore" TEXT NOT NULL,
    "ValidityMonths" INTEGER NULL,
    "IsActive" INTEGER NOT NULL,
    "DisplayOrder" INTEGER NOT NULL
);

CREATE TABLE "AspNetRoleClaims" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AspNetRoleClaims" PRIMARY KEY AUTOINCREMENT,
    "RoleId" TEXT NOT NULL,
    "ClaimType" TEXT NULL,
    "ClaimValue" TEXT NULL,
    CONSTRAINT "FK_AspNetRoleClaims_AspNetRoles_RoleId" FOREIGN KEY ("RoleId") REFERENCES "AspNetRoles" ("Id") ON DELETE CASCADE
);

CREATE TABLE "Trainees" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Trainees" PRIMARY KEY AUTOINCREMENT,
    "FamilyName" TEXT NOT NULL,
    "MiddleName" TEXT NULL,
    "GivenName" TEXT NOT NULL,
    "FullName" TEXT NOT NULL,
    "SearchKey" TEXT NOT NULL,
    "SortKey" TEXT NOT NULL,
    "Sex" INTEGER NULL,
    "DateOfBirth" TEXT NULL,
    "BirthYearOnly" INTEGER NOT NULL,
    "Cccd" TEXT NULL,
    "Ethnicity" TEXT NULL,
    "Religion" TEXT NULL,
    "Education" TEXT NULL,
    "Qualification" TEXT NULL,
    "Position" TEXT NULL,
    "UnitId" INTEGER NULL,
    "PartyStatus" INTEGER NOT NULL,
    "PartyJoinDate" TEXT NULL,
    "PartyOfficialDate" TEXT NULL,
    "TheoryLevel" INTEGER NOT NULL,
    "CommitteeRole" INTEGER NOT NULL,
    "Phone" TEXT NULL,
    "Note" TEXT NULL,
    "CreatedAt" TEXT NOT NULL,
    "UpdatedAt" TEXT NOT NULL,
    "Version" TEXT NOT NULL,
    CONSTRAINT "FK_Trainees_OrganisationUnits_UnitId" FOREIGN KEY ("UnitId") REFERENCES "OrganisationUnits" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "TrainingCentres" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_TrainingCentres" PRIMARY KEY AUTOINCREMENT,
    "Name" TEXT NOT NULL,
    "ParentBodyName" TEXT NULL,
    "HostUnitId" INTEGER NULL,
    "PlaceName" TEXT NULL,
    "DirectorName" TEXT NULL,
    "Address" TEXT NULL,
    "MinimumClassSize" INTEGER NOT NULL,
    "IsActive" INTEGER NOT NULL,
    CONSTRAINT "FK_TrainingCentres_OrganisationUnits_HostUnitId" FOREIGN KEY ("HostUnitId") REFERENCES "OrganisationUnits" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "GradeBands" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_GradeBands" PRIMARY KEY AUTOINCREMENT,
    "ProgrammeId" INTEGER NOT NULL,
    "MinScore" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    CONSTRAINT "FK_GradeBands_Programmes_ProgrammeId" FOREIGN KEY ("ProgrammeId") REFERENCES "Programmes" ("Id") ON DELETE CASCADE
);

CREATE TABLE "AnnualPlans" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AnnualPlans" PRIMARY KEY AUTOINCREMENT,
    "CentreId" INTEGER NOT NULL,
    "Year" INTEGER NOT NULL,
    "ProgrammeId" INTEGER NOT NULL,
    "UnitId" INTEGER NULL,
    "PlannedClasses" INTEGER NOT NULL,
    "PlannedTrainees" INTEGER NOT NULL,
    "Note" TEXT NULL,
    "Version" TEXT NOT NULL,
    CONSTRAINT "FK_AnnualPlans_OrganisationUnits_UnitId" FOREIGN KEY ("UnitId") REFERENCES "OrganisationUnits" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_AnnualPlans_Programmes_ProgrammeId" FOREIGN KEY ("ProgrammeId") REFERENCES "Programmes" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_AnnualPlans_TrainingCentres_CentreId" FOREIGN KEY ("CentreId") REFERENCES "TrainingCentres" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "AspNetUsers" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_AspNetUsers" PRIMARY KEY,
    "FullName" TEXT NOT NULL,
    "CentreId" INTEGER NULL,
    "UnitId" INTEGER NULL,
    "IsDisabled" INTEGER NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "UserName" TEXT NULL,
    "NormalizedUserName" TEXT NULL,
    "Email" TEXT NULL,
    "NormalizedEmail" TEXT NULL,
    "EmailConfirmed" INTEGER NOT NULL,
    "PasswordHash" TEXT NULL,
    "SecurityStamp" TEXT NULL,
    "ConcurrencyStamp" TEXT NULL,
    "PhoneNumber" TEXT NULL,
    "PhoneNumberConfirmed" INTEGER NOT NULL,
    "TwoFactorEnabled" INTEGER NOT NULL,
    "LockoutEnd" TEXT NULL,
    "LockoutEnabled" INTEGER NOT NULL,
    "AccessFailedCount" INTEGER NOT NULL,
    CONSTRAINT "FK_AspNetUsers_OrganisationUnits_UnitId" FOREIGN KEY ("UnitId") REFERENCES "OrganisationUnits" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_AspNetUsers_TrainingCentres_CentreId" FOREIGN KEY ("CentreId") REFERENCES "TrainingCentres" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "CentreServedUnits" (
    "CentreId" INTEGER NOT NULL,
    "UnitId" INTEGER NOT NULL,
    "ServedFrom" TEXT NULL,
    "ServedTo" TEXT NULL,
    CONSTRAINT "PK_CentreServedUnits" PRIMARY KEY ("CentreId", "UnitId"),
    CONSTRAINT "FK_CentreServedUnits_OrganisationUnits_UnitId" FOREIGN KEY ("UnitId") REFERENCES "OrganisationUnits" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_CentreServedUnits_TrainingCentres_CentreId" FOREIGN KEY ("CentreId") REFERENCES "TrainingCentres" ("Id") ON DELETE CASCADE
);

CREATE TABLE "CertificateCounters" (
    "CentreId" INTEGER NOT NULL,
    "Year" INTEGER NOT NULL,
    "LastSerialNumber" INTEGER NOT NULL,
    "LastRegisterNumber" INTEGER NOT NULL,
    "Version" TEXT NOT NULL,
    CONSTRAINT "PK_CertificateCounters" PRIMARY KEY ("CentreId", "Year"),
    CONSTRAINT "FK_CertificateCounters_TrainingCentres_CentreId" FOREIGN KEY ("CentreId") REFERENCES "TrainingCentres" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "ExternalTrainings" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_ExternalTrainings" PRIMARY KEY AUTOINCREMENT,
    "TraineeId" INTEGER NOT NULL,
    "Level" INTEGER NOT NULL,
    "Institution" TEXT NOT NULL,
    "StartYear" INTEGER NOT NULL,
    "EndYear" INTEGER NULL,
    "Completed" INTEGER NOT NULL,
    "CentreId" INTEGER NULL,
    CONSTRAINT "FK_ExternalTrainings_Trainees_TraineeId" FOREIGN KEY ("TraineeId") REFERENCES "Trainees" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_ExternalTrainings_TrainingCentres_CentreId" FOREIGN KEY ("CentreId") REFERENCES "TrainingCentres" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "Lecturers" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Lecturers" PRIMARY KEY AUTOINCREMENT,
    "CentreId" INTEGER NOT NULL,
    "FamilyName" TEXT NOT NULL,
    "MiddleName" TEXT NULL,
    "GivenName" TEXT NOT NULL,
    "FullName" TEXT NOT NULL,
    "SearchKey" TEXT NOT NULL,
    "SortKey" TEXT NOT NULL,
    "Kind" INTEGER NOT NULL,
    "Position" TEXT NULL,
    "Workplace" TEXT NULL,
    "Phone" TEXT NULL,
    "IsActive" INTEGER NOT NULL,
    "UserId" TEXT NULL,
    CONSTRAINT "FK_Lecturers_TrainingCentres_CentreId" FOREIGN KEY ("CentreId") REFERENCES "TrainingCentres" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "AspNetUserClaims" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AspNetUserClaims" PRIMARY KEY AUTOINCREMENT,
    "UserId" TEXT NOT NULL,
    "ClaimType" TEXT NULL,
    "ClaimValue" TEXT NULL,
    CONSTRAINT "FK_AspNetUserClaims_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "AspNetUserLogins" (
    "LoginProvider" TEXT NOT NULL,
    "ProviderKey" TEXT NOT NULL,
    "ProviderDisplayName" TEXT NULL,
    "UserId" TEXT NOT NULL,
    CONSTRAINT "PK_AspNetUserLogins" PRIMARY KEY ("LoginProvider", "ProviderKey"),
    CONSTRAINT "FK_AspNetUserLogins_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "AspNetUserRoles" (
    "UserId" TEXT NOT NULL,
    "RoleId" TEXT NOT NULL,
    CONSTRAINT "PK_AspNetUserRoles" PRIMARY KEY ("UserId", "RoleId"),
    CONSTRAINT "FK_AspNetUserRoles_AspNetRoles_RoleId" FOREIGN KEY ("RoleId") REFERENCES "AspNetRoles" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_AspNetUserRoles_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "AspNetUserTokens" (
    "UserId" TEXT NOT NULL,
    "LoginProvider" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "Value" TEXT NULL,
    CONSTRAINT "PK_AspNetUserTokens" PRIMARY KEY ("UserId", "LoginProvider", "Name"),
    CONSTRAINT "FK_AspNetUserTokens_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "TrainingClasses" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_TrainingClasses" PRIMARY KEY AUTOINCREMENT,
    "CentreId" INTEGER NOT NULL,
    "ProgrammeId" INTEGER NOT NULL,
    "Year" INTEGER NOT NULL,
    "Number" INTEGER NOT NULL,
    "Title" TEXT NULL,
    "VenueKind" INTEGER NOT NULL,
    "VenueName" TEXT NULL,
    "VenueUnitId" INTEGER NULL,
    "StartDate" TEXT NULL,
    "EndDate" TEXT NULL,
    "Status" INTEGER NOT NULL,
    "Funding" INTEGER NOT NULL,
    "Partner" TEXT NULL,
    "HeadLecturerId" INTEGER NULL,
    "AcademicOfficerName" TEXT NULL,
    "CompletionDecisionNumber" TEXT NULL,
    "CompletionDecisionDate" TEXT NULL,
    "CompletionDecisionSigner" TEXT NULL,
    "CancellationReason" TEXT NULL,
    "Version" TEXT NOT NULL,
    CONSTRAINT "FK_TrainingClasses_Lecturers_HeadLecturerId" FOREIGN KEY ("HeadLecturerId") REFERENCES "Lecturers" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_TrainingClasses_OrganisationUnits_VenueUnitId" FOREIGN KEY ("VenueUnitId") REFERENCES "OrganisationUnits" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_TrainingClasses_Programmes_ProgrammeId" FOREIGN KEY ("ProgrammeId") REFERENCES "Programmes" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_TrainingClasses_TrainingCentres_CentreId" FOREIGN KEY ("CentreId") REFERENCES "TrainingCentres" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "ClassSessions" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_ClassSessions" PRIMARY KEY AUTOINCREMENT,
    "ClassId" INTEGER NOT NULL,
    "Date" TEXT NOT NULL,
    "Part" INTEGER NOT NULL,
    "Topic" TEXT NOT NULL,
    "LecturerId" INTEGER NULL,
    "Periods" INTEGER NOT NULL,
    CONSTRAINT "FK_ClassSessions_Lecturers_LecturerId" FOREIGN KEY ("LecturerId") REFERENCES "Lecturers" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_ClassSessions_TrainingClasses_ClassId" FOREIGN KEY ("ClassId") REFERENCES "TrainingClasses" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "Enrolments" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Enrolments" PRIMARY KEY AUTOINCREMENT,
    "ClassId" INTEGER NOT NULL,
    "TraineeId" INTEGER NOT NULL,
    "UnitId" INTEGER NULL,
    "Role" INTEGER NOT NULL,
    "Status" INTEGER NOT NULL,
    "WithdrawalReason" TEXT NULL,
    "WithdrawnAt" TEXT NULL,
    "EnrolledAt" TEXT NOT NULL,
    "Version" TEXT NOT NULL,
    CONSTRAINT "FK_Enrolments_OrganisationUnits_UnitId" FOREIGN KEY ("UnitId") REFERENCES "OrganisationUnits" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_Enrolments_Trainees_TraineeId" FOREIGN KEY ("TraineeId") REFERENCES "Trainees" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_Enrolments_TrainingClasses_ClassId" FOREIGN KEY ("ClassId") REFERENCES "TrainingClasses" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "LecturerEvaluations" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_LecturerEvaluations" PRIMARY KEY AUTOINCREMENT,
    "ClassId" INTEGER NOT NULL,
    "LecturerId" INTEGER NOT NULL,
    "ResponseCount" INTEGER NOT NULL,
    "AverageScore" TEXT NOT NULL,
    "Comments" TEXT NULL,
    CONSTRAINT "FK_LecturerEvaluations_Lecturers_LecturerId" FOREIGN KEY ("LecturerId") REFERENCES "Lecturers" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_LecturerEvaluations_TrainingClasses_ClassId" FOREIGN KEY ("ClassId") REFERENCES "TrainingClasses" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "SessionObservations" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_SessionObservations" PRIMARY KEY AUTOINCREMENT,
    "SessionId" INTEGER NOT NULL,
    "ObserverName" TEXT NOT NULL,
    "ObservedOn" TEXT NOT NULL,
    "Rating" TEXT NULL,
    "Comments" TEXT NULL,
    CONSTRAINT "FK_SessionObservations_ClassSessions_SessionId" FOREIGN KEY ("SessionId") REFERENCES "ClassSessions" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "AssessmentResults" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AssessmentResults" PRIMARY KEY AUTOINCREMENT,
    "EnrolmentId" INTEGER NOT NULL,
    "Score" TEXT NULL,
    "ResitScore" TEXT NULL,
    "GradeName" TEXT NULL,
    "Completed" INTEGER NULL,
    "NotCompletedReason" TEXT NULL,
    "Version" TEXT NOT NULL,
    CONSTRAINT "FK_AssessmentResults_Enrolments_EnrolmentId" FOREIGN KEY ("EnrolmentId") REFERENCES "Enrolments" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "AttendanceRecords" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AttendanceRecords" PRIMARY KEY AUTOINCREMENT,
    "EnrolmentId" INTEGER NOT NULL,
    "SessionId" INTEGER NOT NULL,
    "Status" INTEGER NOT NULL,
    "Note" TEXT NULL,
    "MarkedAt" TEXT NOT NULL,
    "MarkedBy" TEXT NULL,
    CONSTRAINT "FK_AttendanceRecords_ClassSessions_SessionId" FOREIGN KEY ("SessionId") REFERENCES "ClassSessions" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_AttendanceRecords_Enrolments_EnrolmentId" FOREIGN KEY ("EnrolmentId") REFERENCES "Enrolments" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "Certificates" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Certificates" PRIMARY KEY AUTOINCREMENT,
    "CentreId" INTEGER NOT NULL,
    "EnrolmentId" INTEGER NOT NULL,
    "IssueSequence" INTEGER NOT NULL,
    "Year" INTEGER NOT NULL,
    "SerialNumber" INTEGER NOT NULL,
    "RegisterNumber" INTEGER NOT NULL,
    "IssueDate" TEXT NOT NULL,
    "SignerName" TEXT NOT NULL,
    "SignerTitle" TEXT NULL,
    "GradeName" TEXT NULL,
    "ValidUntil" TEXT NULL,
    "VerificationCode" TEXT NOT NULL,
    "Status" INTEGER NOT NULL,
    "ReplacesCertificateId" INTEGER NULL,
    "ReissueReason" TEXT NULL,
    "RevocationReason" TEXT NULL,
    "StatusChangedAt" TEXT NULL,
    CONSTRAINT "FK_Certificates_Certificates_ReplacesCertificateId" FOREIGN KEY ("ReplacesCertificateId") REFERENCES "Certificates" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_Certificates_Enrolments_EnrolmentId" FOREIGN KEY ("EnrolmentId") REFERENCES "Enrolments" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_Certificates_TrainingCentres_CentreId" FOREIGN KEY ("CentreId") REFERENCES "TrainingCentres" ("Id") ON DELETE RESTRICT
);

CREATE UNIQUE INDEX "IX_AnnualPlans_CentreId_Year_ProgrammeId_UnitId" ON "AnnualPlans" ("CentreId", "Year", "ProgrammeId", "UnitId");

CREATE INDEX "IX_AnnualPlans_ProgrammeId" ON "AnnualPlans" ("ProgrammeId");

CREATE INDEX "IX_AnnualPlans_UnitId" ON "AnnualPlans" ("UnitId");

CREATE INDEX "IX_AspNetRoleClaims_RoleId" ON "AspNetRoleClaims" ("RoleId");

CREATE UNIQUE INDEX "RoleNameIndex" ON "AspNetRoles" ("NormalizedName");

CREATE INDEX "IX_AspNetUserClaims_UserId" ON "AspNetUserClaims" ("UserId");

CREATE INDEX "IX_AspNetUserLogins_UserId" ON "AspNetUserLogins" ("UserId");

CREATE INDEX "IX_AspNetUserRoles_RoleId" ON "AspNetUserRoles" ("RoleId");

CREATE INDEX "EmailIndex" ON "AspNetUsers" ("NormalizedEmail");

CREATE INDEX "IX_AspNetUsers_CentreId" ON "AspNetUsers" ("CentreId");

CREATE INDEX "IX_AspNetUsers_UnitId" ON "AspNetUsers" ("UnitId");

CREATE UNIQUE INDEX "UserNameIndex" ON "AspNetUsers" ("NormalizedUserName");

CREATE UNIQUE INDEX "IX_AssessmentResults_EnrolmentId" ON "AssessmentResults" ("EnrolmentId");

CREATE UNIQUE INDEX "IX_AttendanceRecords_EnrolmentId_SessionId" ON "AttendanceRecords" ("EnrolmentId", "SessionId");

CREATE INDEX "IX_AttendanceRecords_SessionId" ON "AttendanceRecords" ("SessionId");

CREATE INDEX "IX_AuditEntries_At" ON "AuditEntries" ("At");

CREATE INDEX "IX_AuditEntries_EntityType_EntityId" ON "AuditEntries" ("EntityType", "EntityId");

CREATE INDEX "IX_CentreServedUnits_UnitId" ON "CentreServedUnits" ("UnitId");

CREATE UNIQUE INDEX "IX_Certificates_CentreId_Year_RegisterNumber" ON "Certificates" ("CentreId", "Year", "RegisterNumber");

CREATE UNIQUE INDEX "IX_Certificates_CentreId_Year_SerialNumber" ON "Certificates" ("CentreId", "Year", "SerialNumber");

CREATE UNIQUE INDEX "IX_Certificates_EnrolmentId_IssueSequence" ON "Certificates" ("EnrolmentId", "IssueSequence");

CREATE INDEX "IX_Certificates_ReplacesCertificateId" ON "Certificates" ("ReplacesCertificateId");

CREATE UNIQUE INDEX "IX_Certificates_VerificationCode" ON "Certificates" ("VerificationCode");

CREATE INDEX "IX_ClassSessions_ClassId_Date_Part" ON "ClassSessions" ("ClassId", "Date", "Part");

CREATE INDEX "IX_ClassSessions_LecturerId_Date" ON "ClassSessions" ("LecturerId", "Date");

CREATE UNIQUE INDEX "IX_Enrolments_ClassId_TraineeId" ON "Enrolments" ("ClassId", "TraineeId");

CREATE INDEX "IX_Enrolments_TraineeId" ON "Enrolments" ("TraineeId");

CREATE INDEX "IX_Enrolments_UnitId" ON "Enrolments" ("UnitId");

CREATE INDEX "IX_ExternalTrainings_CentreId_StartYear" ON "ExternalTrainings" ("CentreId", "StartYear");

CREATE INDEX "IX_ExternalTrainings_TraineeId" ON "ExternalTrainings" ("TraineeId");

CREATE UNIQUE INDEX "IX_GradeBands_ProgrammeId_MinScore" ON "GradeBands" ("ProgrammeId", "MinScore");

CREATE UNIQUE INDEX "IX_LecturerEvaluations_ClassId_LecturerId" ON "LecturerEvaluations" ("ClassId", "LecturerId");

CREATE INDEX "IX_LecturerEvaluations_LecturerId" ON "LecturerEvaluations" ("LecturerId");

CREATE INDEX "IX_Lecturers_CentreId_SortKey" ON "Lecturers" ("CentreId", "SortKey");

CREATE INDEX "IX_Lecturers_SearchKey" ON "Lecturers" ("SearchKey");

CREATE INDEX "IX_Lecturers_UserId" ON "Lecturers" ("UserId");

CREATE INDEX "IX_OrganisationUnits_Code" ON "OrganisationUnits" ("Code");

CREATE INDEX "IX_OrganisationUnits_ParentId" ON "OrganisationUnits" ("ParentId");

CREATE INDEX "IX_OrganisationUnits_SearchKey" ON "OrganisationUnits" ("SearchKey");

CREATE INDEX "IX_OrganisationUnits_SucceededById" ON "OrganisationUnits" ("SucceededById");

CREATE UNIQUE INDEX "IX_Programmes_Code" ON "Programmes" ("Code");

CREATE INDEX "IX_SessionObservations_SessionId" ON "SessionObservations" ("SessionId");

CREATE UNIQUE INDEX "IX_Trainees_Cccd" ON "Trainees" ("Cccd");

CREATE INDEX "IX_Trainees_CommitteeRole_TheoryLevel" ON "Trainees" ("CommitteeRole", "TheoryLevel");

CREATE INDEX "IX_Trainees_SearchKey_DateOfBirth" ON "Trainees" ("SearchKey", "DateOfBirth");

CREATE INDEX "IX_Trainees_SortKey" ON "Trainees" ("SortKey");

CREATE INDEX "IX_Trainees_UnitId" ON "Trainees" ("UnitId");

CREATE INDEX "IX_TrainingCentres_HostUnitId" ON "TrainingCentres" ("HostUnitId");

CREATE UNIQUE INDEX "IX_TrainingClasses_CentreId_ProgrammeId_Year_Number" ON "TrainingClasses" ("CentreId", "ProgrammeId", "Year", "Number");

CREATE INDEX "IX_TrainingClasses_CentreId_Year_Status" ON "TrainingClasses" ("CentreId", "Year", "Status");

CREATE INDEX "IX_TrainingClasses_HeadLecturerId" ON "TrainingClasses" ("HeadLecturerId");

CREATE INDEX "IX_TrainingClasses_ProgrammeId" ON "TrainingClasses" ("ProgrammeId");

CREATE INDEX "IX_TrainingClasses_VenueUnitId" ON "TrainingClasses" ("VenueUnitId");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261122000000_Initial', '10.0.14');

COMMIT;

BEGIN TRANSACTION;
CREATE INDEX "IX_Enrolments_ClassId_Status_UnitId_Id" ON "Enrolments" ("ClassId", "Status", "UnitId", "Id");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261205000000_ReportIndexes', '10.0.14');

COMMIT;

