using AutoMapper;

namespace KhoaGiao.Api.Features.Webhooks;

public sealed class WebhookMappingProfile : Profile
{
    public WebhookMappingProfile()
    {
        CreateMap<WebhookSubscription, WebhookResponse>();
        CreateMap<WebhookDelivery, WebhookDeliveryResponse>()
            .ForMember(r => r.NextAttemptAt, o => o.MapFrom(d => d.Status == WebhookDeliveryStatus.Pending ? d.NextAttemptAt : (DateTimeOffset?)null));
        CreateMap<WebhookAttempt, WebhookAttemptResponse>();
    }
}
