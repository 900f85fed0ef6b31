namespace KhoaGiao.Api.Features.Media;

/// <summary>The media store could not be reached or refused the operation; answered as 503 with Retry-After.</summary>
public sealed class MediaStorageException(string message, Exception? innerException = null) : Exception(message, innerException);
