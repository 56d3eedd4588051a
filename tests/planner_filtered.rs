//! A planner whose agenda keeps a filter opens on the whole schedule: its view may open on any
//! day that passes the filter, which the part read first for the first frame need not hold.

use tempfile::TempDir;

#[test]
fn a_planner_with_a_saved_filter_opens_on_the_whole_schedule() {
    use hallway::open::Request;
    use hallway::schedule::compiled::Need;
    let d = TempDir::new().unwrap();
    let file = d.path().join("s.json");
    std::fs::write(&file, hallway::synth::by_days(1_200, 7)).unwrap();
    // The cache folder comes from the environment: this test's own, set while no other thread
    // runs (the only test of this file).
    // SAFETY: no other thread of this process reads or writes the environment meanwhile.
    unsafe { std::env::set_var("HALLWAY_CACHE_DIR", d.path().join("cache")) };
    let request = || Request {
        schedule: Some(file.clone()),
        data_dir: Some(d.path().join("data")),
        at: Some("2030-03-02 10:30".into()),
        ..Request::new(Need::Planner)
    };
    let ctx = hallway::context::Context::open(&request()).unwrap();
    let ctx = hallway::context::Context::open(&request()).unwrap_or(ctx);
    assert!(ctx.rest.is_some(), "no filter: the first frame from a part");
    // Only Tue 5 Mar, a day the part does not hold: the view opens there, on the whole.
    let id = ctx.schedule.conference.id.clone();
    ctx.store
        .update(&id, |a| {
            a.filter.days.insert(chrono::NaiveDate::from_ymd_opt(2030, 3, 5).unwrap());
        })
        .unwrap();
    let ctx = hallway::context::Context::open(&request()).unwrap();
    assert!(ctx.rest.is_none() && ctx.schedule.whole().is_none(), "a filtered planner on the whole");
    assert_eq!(ctx.schedule.talks().len(), 1_200);
}
