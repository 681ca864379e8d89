package main

import "context"

// openFeatures wires each feature (knowledge base, appeals, visits, ratings)
// into the engine, after the stores and the engine exist. Each feature lives
// in its own file and may register dialog flows, start background workers
// (with m.onClose) and keep handlers for mountAPIs.
func (m *Main) openFeatures(ctx context.Context) error {
	for _, open := range []func(context.Context) error{
		m.openKnowledge,
		m.openVisits,
		m.openAppeals,
		m.openRatings,
		m.openNotices,
		m.openAdmin,
	} {
		if err := open(ctx); err != nil {
			return err
		}
	}
	return nil
}

// mountAPIs mounts the features' HTTP handlers on m.HTTP before it listens.
func (m *Main) mountAPIs() {
	for _, mount := range m.mounts {
		mount(m.HTTP)
	}
}
