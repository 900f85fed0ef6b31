using System.Text.Json;
using AutoMapper;

namespace KhoaGiao.Api.Features.Webhooks;

public sealed class WebhookMappingProfile : Profile
{
    public WebhookMappingProfile()
    {
        CreateMap<WebhookSubscription, WebhookResponse>();
        CreateMap<WebhookDelivery, WebhookDeliveryResponse>()
            .ForMember(r => r.NextAttemptAt, o => o.MapFrom(d => d.Status == WebhookDeliveryStatus.Pending ? d.NextAttemptAt : (DateTimeOffset?)null));
        CreateMap<WebhookDelivery, WebhookDeliveryDetailResponse>()
            .IncludeBase<WebhookDelivery, WebhookDeliveryResponse>()
            .ForMember(r => r.Payload, o => o.MapFrom(d => d.Payload == null
                ? (JsonElement?)null
                : JsonSerializer.Deserialize<JsonElement>(d.Payload, (JsonSerializerOptions?)null)))
            .ForMember(r => r.AttemptLog, o => o.MapFrom(d => d.AttemptLog.OrderBy(a => a.At)));
        CreateMap<WebhookAttempt, WebhookAttemptResponse>();
    }
}
