using Horadus.Core.Planning;

namespace Horadus.Core.Execution;

/// <summary>
/// Asked once per run, under the lock, with the plan that will run if it says yes. It sees every plan (empty ones and
/// ones with errors too, so that it can show them); its answer matters only for a plan that has something to do.
/// </summary>
public delegate Task<Approval> ApprovePlan(Plan plan, CancellationToken cancellationToken);
