using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Provisioning.Components.Persistence;

/// <summary>
/// Stores every DateTime as UTC and reads it back as UTC: SQLite returns Kind=Unspecified, and Npgsql refuses
/// to write a non-UTC DateTime into a timestamptz column.
/// </summary>
public sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
    v => v.Kind == DateTimeKind.Utc ? v : v.Kind == DateTimeKind.Local ? v.ToUniversalTime() : DateTime.SpecifyKind(v, DateTimeKind.Utc),
    v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
