namespace Horadus.Core.Ports;

/// <summary>
/// Named instants of an apply at which a test may kill the process (<see cref="FaultPoint"/> lists them). In production
/// nothing is armed and reaching a point costs a comparison; the CLI arms one only from its test switch.
/// </summary>
public interface IFaultPoints
{
    /// <summary>Called when the run reaches <paramref name="point"/>; an armed implementation kills the process here.</summary>
    void Reach(string point);

    public static IFaultPoints None { get; } = new Disarmed();

    private sealed class Disarmed : IFaultPoints
    {
        public void Reach(string point)
        {
        }
    }
}
