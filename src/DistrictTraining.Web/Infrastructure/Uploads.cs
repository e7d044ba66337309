namespace DistrictTraining.Web.Infrastructure;

/// <summary>The one rule for uploaded Excel files: at most 10 MB, read into memory asynchronously.</summary>
public static class Uploads
{
    public const long MaxBytes = 10L * 1024 * 1024;

    /// <summary>What the request may weigh: the file plus the form around it.</summary>
    public const long RequestLimit = MaxBytes + (1024 * 1024);

    /// <summary>
    /// Copies the upload into memory when it is within the limit. An oversized file gives an empty buffer:
    /// the import services refuse it by its declared length, with their Vietnamese message, without reading it.
    /// </summary>
    public static async Task<MemoryStream> BufferAsync(this IFormFile file, CancellationToken cancellationToken)
    {
        var buffer = new MemoryStream();
        if (file.Length <= MaxBytes)
        {
            await file.CopyToAsync(buffer, cancellationToken);
            buffer.Position = 0;
        }

        return buffer;
    }
}
