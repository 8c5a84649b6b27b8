using Diagrams.App.Platform.Forge;

namespace Diagrams.App.Jobs;

/// <summary>
/// How long one job may take, connect to last byte: <c>Regions:JobTimeoutSeconds</c>, or for a Forge UI call (under
/// <c>/forge</c>, which Forge must answer within 25 s) <c>Forge:UiCallTimeoutSeconds</c> when that is smaller.
/// </summary>
public sealed record JobTimeLimit(TimeSpan Limit, bool IsForgeUiCall, string TooSlow)
{
    /// <summary>Where a Forge UI asks for a job ticket, to run a long job directly against this backend.</summary>
    public const string TicketRoute = "POST /forge/api/jobs/tickets";

    public static JobTimeLimit For(HttpContext context, RegionsOptions regions, ForgeOptions forge)
    {
        if (ForgeAuthentication.IsForgeCall(context) && forge.UiCallTimeoutSeconds < regions.JobTimeoutSeconds)
        {
            return new JobTimeLimit(TimeSpan.FromSeconds(forge.UiCallTimeoutSeconds), true,
                $"The job did not finish within the {forge.UiCallTimeoutSeconds} s a Forge UI call may take (Forge:UiCallTimeoutSeconds). " +
                $"Run long jobs with a job ticket: {TicketRoute} with {{\"kind\": \"...\"}}, then POST the job to the ticket's url.");
        }

        return new JobTimeLimit(TimeSpan.FromSeconds(regions.JobTimeoutSeconds), false,
            $"The converter did not finish its answer within the job time limit of {regions.JobTimeoutSeconds} s (Regions:JobTimeoutSeconds).");
    }
}
