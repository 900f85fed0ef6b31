using KhoaGiao.Api.Http;
using KhoaGiao.Api.Security;

namespace KhoaGiao.Api.Features.Webhooks;

public static class WebhookEndpoints
{
    public static IEndpointRouteBuilder MapWebhookEndpoints(this IEndpointRouteBuilder app)
    {
        var admin = app.MapManagementGroup("/api/v1/admin/webhooks", "Webhooks (management)");
        admin.RequireAuthorization(Scopes.WebhooksManage);

        admin.MapGet("/", ManageWebhooks.ListAsync).WithName("ListWebhooks")
            .WithSummary("List webhook subscriptions")
            .WithDescription("Every subscription, newest first, 100 to a page by default; secrets are never shown. Needs `webhooks:manage`.")
            .ProducesValidationProblem();
        admin.MapGet("/{id:guid}", ManageWebhooks.GetAsync).WithName("GetWebhook")
            .WithSummary("Get a webhook subscription")
            .WithDescription("Its URL, events, state and failure record, with an `ETag` for `If-Match`. Needs `webhooks:manage`.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        admin.MapPost("/", ManageWebhooks.CreateAsync).WithName("CreateWebhook")
            .WithSummary("Subscribe to changes")
            .WithDescription("The URL must be `https` (`http` only where `Webhooks:AllowHttp` is on) and reach a public address: loopback, private, link-local and other internal addresses are refused, in every spelling, unless named in `Webhooks:AllowedHosts`. Returns the signing secret once. Needs `webhooks:manage`.")
            .ProducesValidationProblem();
        admin.MapPut("/{id:guid}", ManageWebhooks.ReplaceAsync).WithName("ReplaceWebhook")
            .WithSummary("Replace a webhook subscription")
            .WithDescription("URL, description, events and enabled flag; `If-Match` is honoured when sent. Enabling a subscription the service disabled clears its failure record. Needs `webhooks:manage`.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);
        admin.MapDelete("/{id:guid}", ManageWebhooks.DeleteAsync).WithName("DeleteWebhook")
            .WithSummary("Delete a webhook subscription")
            .WithDescription("Its pending deliveries and delivery log go with it. Needs `webhooks:manage`.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        admin.MapPost("/{id:guid}/rotate-secret", ManageWebhooks.RotateSecretAsync).WithName("RotateWebhookSecret")
            .WithSummary("Rotate a subscription's signing secret")
            .WithDescription("Returns the new secret once. For 24 hours deliveries carry two signatures, under the new and the previous secret, so the receiver can switch without losing one. Needs `webhooks:manage`.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        admin.MapPost("/{id:guid}/test", WebhookDeliveries.TestAsync).WithName("TestWebhook")
            .WithSummary("Send a test ping")
            .WithDescription("Queues a `webhook.test` delivery, signed, retried and logged like any other. Needs `webhooks:manage`.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        admin.MapGet("/{id:guid}/deliveries", WebhookDeliveries.ListAsync).WithName("ListWebhookDeliveries")
            .WithSummary("List a subscription's deliveries")
            .WithDescription("The delivery log, newest first, optionally of one status. Needs `webhooks:manage`.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        admin.MapGet("/{id:guid}/deliveries/{deliveryId:guid}", WebhookDeliveries.GetAsync).WithName("GetWebhookDelivery")
            .WithSummary("Get a delivery with its attempts")
            .WithDescription("The body as sent and every attempt: time, status code or error, duration, and the first kilobyte of the answer. Needs `webhooks:manage`.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        admin.MapPost("/{id:guid}/deliveries/{deliveryId:guid}/redeliver", WebhookDeliveries.RedeliverAsync).WithName("RedeliverWebhook")
            .WithSummary("Send a delivery again")
            .WithDescription("One more attempt now, with the same `webhook-id` and body, whatever the delivery's state. Needs `webhooks:manage`.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }
}
