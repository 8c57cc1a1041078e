using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Storyboard.Web.Data;

/// <summary>Stores a <see cref="DateTimeOffset"/> as UTC ticks so SQLite can sort and compare it.</summary>
public sealed class DateTimeOffsetTicksConverter() : ValueConverter<DateTimeOffset, long>(
    value => value.UtcTicks,
    ticks => new DateTimeOffset(ticks, TimeSpan.Zero));
