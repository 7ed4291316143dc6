using Microsoft.EntityFrameworkCore;

namespace Cx.Understanding.Personas;

/// <summary>The personas' tables (part of UnderstandingDb's model).</summary>
internal static class PersonasModel
{
    public static void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<PersonaRecord>(persona =>
        {
            persona.ToTable("personas");
            persona.HasKey(p => new { p.TenantId, p.PersonaId });
            persona.Property(p => p.PersonaId).HasMaxLength(63);
            persona.Property(p => p.Name).HasMaxLength(200);
        });
        modelBuilder.Entity<PersonaSegmentRecord>(segment =>
        {
            segment.ToTable("persona_segments");
            segment.HasKey(s => new { s.TenantId, s.PersonaId, s.SegmentId });
            segment.Property(s => s.PersonaId).HasMaxLength(63);
            segment.Property(s => s.SegmentId).HasMaxLength(63);

            // Deleting a segment asks which personas name it.
            segment.HasIndex(s => new { s.TenantId, s.SegmentId });
        });
    }
}
