using Provisioning.Contracts;

namespace Provisioning.Components.Tests.Contracts;

public class TenantIdsTests
{
    [Theory]
    [InlineData("a")]
    [InlineData("0")]
    [InlineData("acme")]
    [InlineData("tenant-42")]
    [InlineData("9lives")]
    [InlineData("a--b")]
    [InlineData("abcdefghijklmnopqrstuvwxyz0123456789abcd")] // exactly 40
    public void Accepts_valid_ids(string tenantId)
    {
        Assert.True(TenantIds.IsValid(tenantId));
        Assert.Null(TenantIds.GetValidationError(tenantId));
    }

    [Theory]
    [InlineData(null, "required")]
    [InlineData("", "required")]
    [InlineData("abcdefghijklmnopqrstuvwxyz0123456789abcde", "maximum is 40")] // 41
    [InlineData("Acme", "contains 'A'")]
    [InlineData("acme_corp", "contains '_'")]
    [InlineData("acme corp", "contains ' '")]
    [InlineData("acme.corp", "contains '.'")]
    [InlineData("café", "contains 'é'")]
    [InlineData("-acme", "start with a letter or a digit")]
    [InlineData("acme-", "must not end with a hyphen")]
    [InlineData("-", "start with a letter or a digit")]
    public void Rejects_invalid_ids_with_a_reason(string? tenantId, string reasonPart)
    {
        Assert.False(TenantIds.IsValid(tenantId));
        var reason = TenantIds.GetValidationError(tenantId);
        Assert.NotNull(reason);
        Assert.Contains(reasonPart, reason);
    }

    [Fact]
    public void Longest_id_leaves_room_for_derived_r2_bucket_names()
    {
        // wfp-{tenant}-{binding part}: R2 allows 63 characters.
        var longest = new string('a', TenantIds.MaxLength);
        Assert.True(TenantIds.IsValid(longest));
        Assert.True($"wfp-{longest}-".Length <= 63 - 8);
    }

    // Expected values computed with an independent implementation (Python's uuid.uuid5).
    [Theory]
    [InlineData("acme", "af6a6bd6-ff61-538c-af3e-bbff67853e32")]
    [InlineData("tenant-42", "ac557659-3dee-5e97-93a4-922bc1c3bae7")]
    [InlineData("a", "fc4bbf91-5b01-5579-bf97-e4ddbb96d38e")]
    [InlineData("0", "762d45e1-b75b-5567-b053-44aab2cf6f5a")]
    [InlineData("zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz", "2cdb51ee-8705-589d-a395-6d783e74a1e7")]
    public void Correlation_id_is_the_version_5_uuid_in_our_namespace(string tenantId, string expected)
    {
        Assert.Equal(Guid.Parse(expected), TenantIds.ToCorrelationId(tenantId));
    }

    [Fact]
    public void Correlation_namespace_never_changes()
    {
        Assert.Equal(Guid.Parse("494a641e-7503-4c26-b4bf-4da178c0076f"), TenantIds.CorrelationNamespace);
    }

    [Fact]
    public void Name_based_uuid_matches_the_rfc_9562_test_vector()
    {
        // RFC 9562 appendix A.4: UUIDv5 of "www.example.com" in the DNS namespace.
        var dns = Guid.Parse("6ba7b810-9dad-11d1-80b4-00c04fd430c8");
        Assert.Equal(Guid.Parse("2ed6657d-e927-568b-95e1-2665a8aea6a2"), TenantIds.NameBasedUuid(dns, "www.example.com"));
        Assert.Equal(Guid.Parse("886313e1-3b8a-5372-9b90-0c9aee199e5d"), TenantIds.NameBasedUuid(dns, "python.org"));
    }

    [Fact]
    public void Name_is_hashed_as_utf8()
    {
        Assert.Equal(Guid.Parse("cabe5b07-9a1f-5cce-b7b6-2d642256661e"), TenantIds.NameBasedUuid(TenantIds.CorrelationNamespace, "café"));
    }

    [Fact]
    public void Correlation_id_has_version_5_and_the_rfc_variant()
    {
        var text = TenantIds.ToCorrelationId("acme").ToString();
        Assert.Equal('5', text[14]);
        Assert.Contains(text[19], "89ab");
    }
}
