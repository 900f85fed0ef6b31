using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using KhoaGiao.Api.Tests.TestHost;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;

namespace KhoaGiao.Api.Tests.Security;

public sealed class KeyEncryptionTests : ApiTest
{
    [Test]
    public async Task With_a_key_encryption_certificate_the_signing_keys_are_stored_encrypted_and_still_work()
    {
        var pfx = Path.Combine(Path.GetTempPath(), $"khoagiao-keys-{Guid.NewGuid():N}.pfx");
        using (var rsa = RSA.Create(2048))
        {
            var request = new CertificateRequest("CN=KhoaGiao key encryption (test)", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
            await File.WriteAllBytesAsync(pfx, certificate.Export(X509ContentType.Pfx, "mat-khau-chung-chi"));
        }

        // The suite's instances keep reading the ring this test replaces: put it back afterwards.
        var ring = await QueryAsync(db => db.DataProtectionKeys.AsNoTracking().ToListAsync());
        try
        {
            await QueryAsync(db => db.DataProtectionKeys.ExecuteDeleteAsync());
            await using var encrypted = Factory.WithWebHostBuilder(builder => builder
                .UseSetting("Security:KeyEncryptionCertificatePath", pfx)
                .UseSetting("Security:KeyEncryptionCertificatePassword", "mat-khau-chung-chi"));
            using var admin = encrypted.CreateDefaultClient(new IfMatchHandler());
            admin.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("ApiKey", KhoaGiaoApiFactory.BootstrapAdminKey);
            var draft = await ArticleBuilder.CreateAsync(admin, ArticleBuilder.Request("Bản nháp mã hóa khóa"));
            var token = (await ReadJsonAsync(await admin.PostAsync($"/api/v1/admin/articles/{draft["id"]}/preview-token", null)))["token"]!.GetValue<string>();

            var keys = await QueryAsync(db => db.DataProtectionKeys.Select(k => k.Xml!).ToListAsync());
            Assert.That(keys, Is.Not.Empty);
            Assert.That(keys, Has.All.Contains("encryptedSecret").And.All.Not.Contains("<masterKey"));
            var preview = await admin.GetAsync($"/api/v1/articles/{draft["id"]}?preview={Uri.EscapeDataString(token)}");
            Assert.That(preview.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }
        finally
        {
            File.Delete(pfx);
            await QueryAsync(async db =>
            {
                await db.DataProtectionKeys.ExecuteDeleteAsync();
                db.DataProtectionKeys.AddRange(ring.Select(key => new DataProtectionKey { FriendlyName = key.FriendlyName, Xml = key.Xml }));
                return await db.SaveChangesAsync();
            });
        }
    }
}
