namespace DistrictTraining.Core.Import;

/// <summary>The bytes still allowed to be inflated from the package, shared by every part read.</summary>
internal sealed class ReadBudget(long bytes)
{
    public long Remaining { get; private set; } = bytes;

    public void Spend(long count)
    {
        Remaining -= count;
        if (Remaining < 0)
        {
            throw new RosterRefusalException(RosterRefusal.SuspiciousCompression, RosterMessages.SuspiciousCompression);
        }
    }
}

/// <summary>A read-only stream that charges every byte read to a <see cref="ReadBudget"/>.</summary>
internal sealed class BudgetedReadStream(Stream inner, ReadBudget budget) : Stream
{
    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var n = inner.Read(buffer);
        budget.Spend(n);
        return n;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
