use super::*;
use std::sync::Mutex;

#[test]
fn a_cancelled_job_stops_at_its_next_step() {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let flag = CancelFlag::default();
    let sink = seen.clone();
    let ctx = JobContext::new(flag.clone(), move |p| sink.lock().unwrap().push(p));
    assert!(ctx.step("hashing", 1, Some(3)).is_ok());
    flag.cancel();
    assert!(matches!(
        ctx.step("hashing", 2, Some(3)),
        Err(Error::Cancelled)
    ));
    assert_eq!(seen.lock().unwrap().len(), 2, "both steps were reported");
}
