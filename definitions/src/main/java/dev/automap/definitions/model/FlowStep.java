package dev.automap.definitions.model;

/** A step that steers: no side effects on the contact, decided in workflow code. */
public sealed interface FlowStep extends Step
    permits WaitStep,
        WaitForStep,
        BranchStep,
        SwitchStep,
        SplitStep,
        GoalStep,
        ForkStep,
        DripStep,
        EnrollStep,
        UnenrollStep,
        PauseEnrollmentStep,
        ResumeEnrollmentStep,
        SetVarStep,
        FormatStep,
        EndStep {}
