package dialog

// FlowOutages is «Відключення»: the resident's subscriptions to outage
// notices by district and street.
const FlowOutages = "outages"
