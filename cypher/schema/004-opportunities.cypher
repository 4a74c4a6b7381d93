// Lists filter opportunities by stage, and later work asks for the open ones (stage not closed-*).
CREATE INDEX opportunity_stage IF NOT EXISTS FOR (o:Opportunity) ON (o.stage);
