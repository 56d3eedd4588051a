//! What a key means to the planner, whichever key it is (the key table in `keys` maps them).

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Up,
    Down,
    Left,
    Right,
    PrevDay,
    NextDay,
    Top,
    Bottom,
    PageUp,
    PageDown,
    Open,
    Back,
    ToggleStar,
    ToggleLater,
    JumpToNow,
    NextView,
    PrevView,
    ShowSchedule,
    ShowNow,
    ShowAgenda,
    ShowOnDemand,
    Resolve,
    Undo,
    EditNote,
    ToggleWatched,
    CopyLink,
    CopyPage,
    OpenPage,
    GoToTime,
    GoToRoom,
    MyNext,
    RoomsInView,
    MyRooms,
    Filter,
    Acknowledge,
    Suggest,
    Export,
    Search,
    ToggleList,
    AllRooms,
    Refresh,
    Help,
    Quit,
}

impl Action {
    /// Whether the action reads only what the first frame was drawn from (the day on screen,
    /// what is on now, the marked talks): answered at once while the rest of a large schedule
    /// is still being read. Anything that may reach another day (a day, a room, a time, now
    /// under a filter, a search, a filter, the gaps, an export) waits for the whole.
    pub fn needs_only_the_screen(self) -> bool {
        use Action::*;
        matches!(
            self,
            Up | Down
                | Top
                | Bottom
                | PageUp
                | PageDown
                | Open
                | Back
                | ToggleStar
                | ToggleLater
                | NextView
                | PrevView
                | ShowSchedule
                | ShowNow
                | ShowAgenda
                | ShowOnDemand
                | CopyLink
                | CopyPage
                | OpenPage
                | Help
                | Quit
        )
    }

    /// Of those, what stays within an open talk's details or the help (a view key there may
    /// open another day's schedule).
    pub fn stays_in_the_page(self) -> bool {
        use Action::*;
        matches!(
            self,
            Up | Down | Top | Bottom | PageUp | PageDown | Back | CopyLink | CopyPage | OpenPage | Help | Quit
        )
    }
}
