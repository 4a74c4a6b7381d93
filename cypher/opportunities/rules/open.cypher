// opportunities.open(o): whether opportunity o is still being pursued: every stage but closed-won and closed-lost.
NOT o.stage IN ['closed-won', 'closed-lost']
